package dev.wmdpjunit.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants are named by a short id in configuration, results files and messages. */
public interface Identified {

    /** The name configuration and results use, e.g. {@code wmdp-bio} or {@code lm-eval-0.4.2}. */
    String id();

    /**
     * The constant of {@code type} whose id, or Java name, is {@code text}.
     *
     * @param what what the constants are, for the message, e.g. {@code "prompt format"}
     * @throws IllegalArgumentException naming the text and every id
     */
    static <E extends Enum<E> & Identified> E byId(Class<E> type, String text, String what) {
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.id().equals(text) || constant.name().equals(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; expected one of "
                + Arrays.stream(constants).map(Identified::id).collect(Collectors.joining(", ")));
    }
}
