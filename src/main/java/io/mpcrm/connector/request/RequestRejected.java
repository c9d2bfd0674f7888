package io.mpcrm.connector.request;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A permanent failure a seller can read and fix: retrying the same request would fail the same way.
 */
public class RequestRejected extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public RequestRejected(List<FieldProblem> problems) {
        super(lines(problems));
        this.problems = List.copyOf(problems);
    }

    public RequestRejected(String message) {
        super(message);
        this.problems = List.of();
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String lines(List<FieldProblem> problems) {
        return problems.stream()
                .map(problem -> problem.field() + ": " + problem.message())
                .collect(Collectors.joining("\n"));
    }
}
