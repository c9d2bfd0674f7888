package io.mpcrm.connector.offer;

import io.mpcrm.connector.request.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems one check of an offer finds, in the order found, each on its field.
 */
public final class OfferProblems {

    final List<FieldProblem> list = new ArrayList<>();

    OfferProblems() {
    }

    public void add(String field, String message) {
        list.add(new FieldProblem(field, message));
    }
}
