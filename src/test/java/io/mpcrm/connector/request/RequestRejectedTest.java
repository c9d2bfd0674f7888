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
    void aRejectionWithoutAFieldKeepsItsMessageAndHasNoFieldProblems() {
        RequestRejected rejected = new RequestRejected("The offer was already released; its schedule cannot change.");

        assertThat(rejected.getMessage()).isEqualTo("The offer was already released; its schedule cannot change.");
        assertThat(rejected.problems()).isEmpty();
    }
}
