package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an architecture expects in a checkpoint: its parameters in Hugging Face state-dict order with their
 * shapes, the tied aliases that a file may carry in addition, and the legacy buffers a file may carry and that
 * are ignored.
 */
final class ParameterLayout {

    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, String> tiedAliases = new LinkedHashMap<>();
    private final List<Pattern> ignoredBuffers = new ArrayList<>();

    /** Declares a parameter the checkpoint must hold with exactly this shape. */
    ParameterLayout add(String name, long... shape) {
        if (shapes.put(name, new Shape(shape)) != null) {
            throw new IllegalStateException("parameter declared twice: " + name);
        }
        return this;
    }

    /**
     * Declares a name a checkpoint may hold as a copy of a tied parameter (for example {@code lm_head.weight}
     * when the head is tied to the embedding). If present it must equal the target exactly.
     */
    ParameterLayout tie(String alias, String target) {
        tiedAliases.put(alias, target);
        return this;
    }

    /** Declares non-parameter buffers (causal-mask tables, cached rotary frequencies) a checkpoint may hold. */
    ParameterLayout ignore(String regex) {
        ignoredBuffers.add(Pattern.compile(regex));
        return this;
    }

    Map<String, Shape> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    Optional<String> tiedTarget(String alias) {
        return Optional.ofNullable(tiedAliases.get(alias));
    }

    boolean isIgnoredBuffer(String name) {
        return ignoredBuffers.stream().anyMatch(p -> p.matcher(name).matches());
    }
}
