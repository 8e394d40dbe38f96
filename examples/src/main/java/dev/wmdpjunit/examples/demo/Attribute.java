package dev.wmdpjunit.examples.demo;

import java.util.List;

/**
 * One invented property that every entity of a demo domain has, for example the colour of a crystal.
 *
 * @param question   the multiple-choice question, with {@code {e}} for the entity
 * @param statements sentences stating the fact, with {@code {e}} for the entity and {@code {v}} for the value;
 *                   the training corpus uses every one of them
 * @param values     the values an entity can have; the wrong choices of a question are drawn from the same
 *                   list, so at least four are needed
 */
public record Attribute(String question, List<String> statements, List<String> values) {

    public Attribute {
        statements = List.copyOf(statements);
        values = List.copyOf(values);
        if (!question.contains("{e}") || statements.stream().anyMatch(s -> !s.contains("{e}") || !s.contains("{v}"))) {
            throw new IllegalArgumentException("question and statements must name the entity {e}, statements the"
                    + " value {v}: " + question + " " + statements);
        }
        if (values.size() < 4 || values.stream().distinct().count() != values.size()) {
            throw new IllegalArgumentException("an attribute needs at least four distinct values: " + values);
        }
    }

    /** The question about {@code entity}. */
    public String questionAbout(String entity) {
        return question.replace("{e}", entity);
    }

    /** Statement {@code index} of the fact that {@code entity} has {@code value}. */
    public String statement(int index, String entity, String value) {
        return statements.get(index).replace("{e}", entity).replace("{v}", value);
    }
}
