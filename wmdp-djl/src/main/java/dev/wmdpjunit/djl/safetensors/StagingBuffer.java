package dev.wmdpjunit.djl.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reusable direct buffers through which tensors pass into an NDArray: one for the file's bytes, one for the
 * converted elements.
 *
 * <p>Why: DJL's PyTorch engine wraps a direct buffer without copying and keeps it alive as long as the array.
 * Direct buffers count against the JVM's {@code MaxDirectMemorySize} (by default the heap size) and are freed
 * only by the garbage collector, so handing every weight its own buffer would cap the model size at the Java
 * heap size. Instead each tensor is staged here, copied into memory PyTorch owns, and the buffer is reused.
 * Callers synchronize on the instance while they use the buffer it hands out.
 */
final class StagingBuffer {

    private ByteBuffer buffer;
    private ByteBuffer raw;

    /** A native-order view of at least {@code bytes} bytes, positioned at 0 with its limit at {@code bytes}. */
    ByteBuffer take(int bytes) {
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = null; // let the old buffer go before allocating its successor
            buffer = ByteBuffer.allocateDirect(bytes);
        }
        return buffer.duplicate().clear().limit(bytes).order(ByteOrder.nativeOrder());
    }

    /** A second buffer, for file bytes before conversion: at least {@code bytes}, positioned at 0, limit {@code bytes}. */
    ByteBuffer raw(int bytes) {
        if (raw == null || raw.capacity() < bytes) {
            raw = null;
            raw = ByteBuffer.allocateDirect(bytes);
        }
        return raw.duplicate().clear().limit(bytes);
    }
}
