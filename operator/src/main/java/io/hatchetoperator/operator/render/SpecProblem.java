package io.hatchetoperator.operator.render;

/** One thing wrong with a pool's spec: the field, the value found and how to fix it. */
public record SpecProblem(String field, Object value, String fix) {

    /** A sentence for conditions, events and logs. */
    public String message() {
        return field + " " + (value == null ? "is missing" : "is '" + value + "'") + ": " + fix;
    }
}
