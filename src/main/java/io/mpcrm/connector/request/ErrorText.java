package io.mpcrm.connector.request;

import java.util.List;

/**
 * Explanations as the long text fields that show them can hold them. Error__c and Last_Error__c take 32 768 characters;
 * Salesforce refuses a longer value outright, so an explanation that quotes a huge input would leave the request
 * unfinished instead of Failed.
 */
public final class ErrorText {

    /** The length of Error__c and Last_Error__c in the metadata. */
    public static final int FIELD_LENGTH = 32_768;
    private static final String CUT = " [... shortened to fit the field]";

    private ErrorText() {
    }

    /** The text, or its start with a note that it was shortened when it does not fit. */
    public static String fit(String text) {
        if (text == null || text.length() <= FIELD_LENGTH) {
            return text;
        }
        int keep = FIELD_LENGTH - CUT.length();
        // Never split a surrogate pair: half an emoji is not valid text for Salesforce.
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + CUT;
    }

    /** The first {@code max} lines, and a last one that counts the rest: "... and 181 more errors (201 in all)." */
    public static List<String> firstLines(List<String> lines, int max, String what) {
        if (lines.size() <= max) {
            return lines;
        }
        List<String> shown = new java.util.ArrayList<>(lines.subList(0, max));
        shown.add("... and " + (lines.size() - max) + " more " + what + " (" + lines.size() + " in all).");
        return shown;
    }

    /** The items joined with commas, the first {@code max} only and how many more: "a, b, c and 190 more". */
    public static String list(List<String> items, int max) {
        String shown = String.join(", ", items.subList(0, Math.min(max, items.size())));
        return items.size() <= max ? shown : shown + " and " + (items.size() - max) + " more";
    }
}
