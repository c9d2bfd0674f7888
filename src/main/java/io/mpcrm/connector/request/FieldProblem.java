package io.mpcrm.connector.request;

/** One thing wrong with a request, on the field where the seller can fix it. */
public record FieldProblem(String field, String message) {
}
