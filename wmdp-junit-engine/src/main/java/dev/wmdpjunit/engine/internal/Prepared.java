package dev.wmdpjunit.engine.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Something a container prepared for its tests (the open models, a benchmark's scores), or why it could not:
 * the failure is kept and each test that needs the value fails with it, so a missing model or data set shows as
 * failed tests with the reason rather than as tests that never ran.
 */
final class Prepared<T> {

    private final T value;
    private final RuntimeException failure;

    private Prepared(T value, RuntimeException failure) {
        this.value = value;
        this.failure = failure;
    }

    static <T> Prepared<T> attempt(Supplier<T> preparation) {
        try {
            return new Prepared<>(Objects.requireNonNull(preparation.get()), null);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    static <T> Prepared<T> failed(RuntimeException failure) {
        return new Prepared<>(null, Objects.requireNonNull(failure));
    }

    boolean isReady() {
        return failure == null;
    }

    /** The value; a new {@link SetupFailure} per call (one per failing test) if preparing failed. */
    T get() {
        if (failure != null) {
            throw new SetupFailure(failure);
        }
        return value;
    }

    /** Why preparing failed, if it did. */
    Optional<RuntimeException> error() {
        return Optional.ofNullable(failure);
    }

    /** This failure carried over to something that depended on it. */
    <U> Prepared<U> failure() {
        if (failure == null) {
            throw new IllegalStateException("prepared successfully");
        }
        return failed(failure);
    }

    /** A test could not run because what it needs could not be prepared; the message is the cause's. */
    static final class SetupFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SetupFailure(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
