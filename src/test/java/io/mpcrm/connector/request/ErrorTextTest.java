package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void anExplanationThatFitsIsKeptAsItIs() {
        assertThat(ErrorText.fit("Buyer_Accounts__c: use 12 digits.")).isEqualTo("Buyer_Accounts__c: use 12 digits.");
        assertThat(ErrorText.fit("x".repeat(ErrorText.FIELD_LENGTH))).hasSize(ErrorText.FIELD_LENGTH);
    }

    @Test
    void anExplanationQuotingAHugeInputIsShortenedToTheFieldAndSaysSo() {
        String fitted = ErrorText.fit("offerId: \"" + "o".repeat(100_000) + "\" is not one.");

        assertThat(fitted).hasSize(ErrorText.FIELD_LENGTH).startsWith("offerId: \"ooo")
                .endsWith("[... shortened to fit the field]");
    }

    @Test
    void anEmojiAtTheCutIsNotSplitInHalf() {
        String cut = " [... shortened to fit the field]";
        String text = "x".repeat(ErrorText.FIELD_LENGTH - cut.length() - 1) + "🚀" + "y".repeat(100);

        String fitted = ErrorText.fit(text);

        assertThat(fitted).doesNotContain("\uD83D" + " [").endsWith(cut);
        assertThat(Character.isHighSurrogate(fitted.charAt(fitted.length() - cut.length() - 1))).isFalse();
    }

    @Test
    void aListOfChoicesNamesTheFirstOnesAndCountsTheRest() {
        java.util.List<String> keys = java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(i -> "dim" + i).toList();

        assertThat(ErrorText.list(keys.subList(0, 3), 10)).isEqualTo("dim1, dim2, dim3");
        assertThat(ErrorText.list(keys.subList(0, 10), 10)).endsWith("dim9, dim10");
        assertThat(ErrorText.list(keys, 10)).isEqualTo("dim1, dim2, dim3, dim4, dim5, dim6, dim7, dim8, dim9, dim10"
                + " and 190 more");
    }
}
