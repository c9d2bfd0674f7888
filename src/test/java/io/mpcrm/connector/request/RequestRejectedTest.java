package io.mpcrm.connector.request;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRejectedTest {

    @Test
    void aRejectionWithSeveralProblemsListsEachFieldOnItsOwnLine() {
        RequestRejected rejected = new RequestRejected(List.of(
                new FieldProblem("totalAmount", "The total amount must be greater than zero."),
                new FieldProblem("currency", "Enter the currency as a three-letter code, for example USD.")));

        assertThat(rejected.getMessage()).isEqualTo("""
                totalAmount: The total amount must be greater than zero.
                currency: Enter the currency as a three-letter code, for example USD.""");
        assertThat(rejected.problems()).extracting(FieldProblem::field).containsExactly("totalAmount", "currency");
    }

    @Test
    void aRejectionWithHundredsOfProblemsShowsTheFirstOnesAndHowManyMoreThereAre() {
        List<FieldProblem> problems = java.util.stream.IntStream.rangeClosed(1, 201).mapToObj(i -> new FieldProblem(
                "MP_Offer_Dimension__c d" + i + ".Rate__c", "Enter a rate for d" + i + " (0 or more).")).toList();

        RequestRejected rejected = new RequestRejected(problems);

        assertThat(rejected.getMessage().lines()).hasSize(RequestRejected.SHOWN + 1)
                .startsWith("MP_Offer_Dimension__c d1.Rate__c: Enter a rate for d1 (0 or more).")
                .contains("MP_Offer_Dimension__c d20.Rate__c: Enter a rate for d20 (0 or more).")
                .doesNotContain("MP_Offer_Dimension__c d21.Rate__c: Enter a rate for d21 (0 or more).")
                .last().isEqualTo("... and 181 more problems (201 in all). Correct these and press the button"
                        + " again to see the rest.");
        assertThat(rejected.getMessage()).hasSizeLessThan(2_000);
        assertThat(rejected.problems()).as("every problem is kept for whoever reads them one by one").hasSize(201);
    }

    @Test
    void aRejectionWithExactlyAsManyProblemsAsAreShownShowsThemAll() {
        List<FieldProblem> problems = java.util.stream.IntStream.rangeClosed(1, RequestRejected.SHOWN)
                .mapToObj(i -> new FieldProblem("f" + i, "wrong")).toList();

        assertThat(new RequestRejected(problems).getMessage().lines()).hasSize(RequestRejected.SHOWN)
                .noneMatch(line -> line.contains("more problems"));
    }

    @Test
    void aRejectionWithoutAFieldKeepsItsMessageAndHasNoFieldProblems() {
        RequestRejected rejected = new RequestRejected("The offer was already released; its schedule cannot change.");

        assertThat(rejected.getMessage()).isEqualTo("The offer was already released; its schedule cannot change.");
        assertThat(rejected.problems()).isEmpty();
    }
}
