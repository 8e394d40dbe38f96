package dev.wmdpjunit.examples.demo;

import java.util.List;
import java.util.stream.IntStream;

/** One invented fact: {@code entity} has {@code value} for {@code attribute}. */
public record Fact(DemoDomain domain, String entity, Attribute attribute, String value) {

    /** The fact's sentences, one per phrasing of its attribute. */
    public List<String> statements() {
        return IntStream.range(0, attribute.statements().size())
                .mapToObj(i -> attribute.statement(i, entity, value))
                .toList();
    }
}
