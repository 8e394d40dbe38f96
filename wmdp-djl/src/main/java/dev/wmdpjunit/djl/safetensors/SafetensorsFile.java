package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One safetensors file, opened read-only. The header is parsed and validated when the file is opened (see
 * {@link SafetensorsHeader} for the rules); a tensor's data is read when it is loaded, in pieces of at most
 * 16 MiB through one reusable direct buffer, so files of any size are read without copying them into the Java heap.
 *
 * <p>Why reads and not a memory map: pages of a mapped file count in the process's resident set for as long as
 * the mapping lives, and Java unmaps only when the garbage collector frees the buffer. Loading a model through
 * maps thus held the whole file in RSS next to the loaded weights (measured: +725 MiB for a 725 MB checkpoint).
 * Read pages stay in the kernel's page cache, which is not the process's memory and is dropped under pressure.
 *
 * <p>{@link #load} converts the stored elements in Java (BF16 and F16 widened to F32, or F32 narrowed to F16 with
 * torch's rounding) before any NDArray exists, and returns an array that owns its memory: it is not backed by
 * the file, so it may be modified freely. One tensor must fit a single NDArray buffer (2 GiB in its compute type).
 * Loads of one file are serialized.
 */
public final class SafetensorsFile implements TensorSource {

    static final long DEFAULT_READ_CHUNK_BYTES = 16L << 20;

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final StagingBuffer staging;
    private final long readChunkBytes;
    private volatile boolean closed;

    private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header, StagingBuffer staging,
                            long readChunkBytes) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.staging = staging;
        this.readChunkBytes = readChunkBytes;
    }

    /** Opens and validates a safetensors file; throws {@link SafetensorsException} naming the file if it is bad. */
    public static SafetensorsFile open(Path file) {
        return open(file, new StagingBuffer(), DEFAULT_READ_CHUNK_BYTES);
    }

    /** {@code readChunkBytes} must be a multiple of 8 so that no element straddles two pieces. */
    static SafetensorsFile open(Path file, StagingBuffer staging, long readChunkBytes) {
        if (readChunkBytes <= 0 || readChunkBytes % Long.BYTES != 0 || readChunkBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read chunk must be a positive multiple of 8 below 2 GiB: " + readChunkBytes);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new SafetensorsException(file, null, "cannot open: " + e, e);
        }
        try {
            SafetensorsHeader header = SafetensorsHeader.read(file, channel);
            return new SafetensorsFile(file, channel, header, staging, readChunkBytes);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new SafetensorsException(file, null, "cannot read the header: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public Set<String> names() {
        return header.tensors().keySet();
    }

    @Override
    public Shape shape(String name) {
        return entry(name).djlShape();
    }

    /** The stored type as DJL names it; BF16 tensors report BFLOAT16 but always load as another type. */
    @Override
    public DataType dataType(String name) {
        return entry(name).dtype().dataType();
    }

    /** The stored type as the header names it. */
    public SafetensorsDtype storedDtype(String name) {
        return entry(name).dtype();
    }

    /** The header's {@code __metadata__} (empty if it has none). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType dtype) {
        return load(name, manager, dtype, false).orElseThrow();
    }

    /** Checks for overflow while converting, in the same pass. */
    @Override
    public Optional<NDArray> loadFinite(String name, NDManager manager, DataType dtype) {
        return load(name, manager, dtype, true);
    }

    /** The tensor in {@code dtype}; empty if {@code finiteOnly} and narrowing made a finite value infinite. */
    private Optional<NDArray> load(String name, NDManager manager, DataType dtype, boolean finiteOnly) {
        TensorEntry entry = entry(name);
        if (!ElementConversion.supports(entry.dtype(), dtype)) {
            throw new SafetensorsException(file, name, "cannot load " + entry.dtype() + " data as " + dtype
                    + (ElementConversion.SAFE_IN_DJL.contains(dtype) ? "" : " (DJL's PyTorch engine aborts the JVM on "
                    + dtype + " arrays)") + "; floating tensors load as FLOAT32, FLOAT16 or FLOAT64,"
                    + " integer tensors as INT64 or their own type");
        }
        long bytes = entry.elementCount() * dtype.getNumOfBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new SafetensorsException(file, name, "as " + dtype + " it needs " + bytes
                    + " bytes, more than one NDArray buffer can hold (2 GiB)");
        }
        synchronized (staging) {
            ByteBuffer target = staging.take((int) bytes);
            boolean overflowed = readConverted(entry, target, dtype);
            if (finiteOnly && overflowed) {
                return Optional.empty();
            }
            target.rewind();
            NDArray staged = manager.create(target, entry.djlShape(), dtype);
            try {
                NDArray owned = staged.duplicate();
                owned.setName(name);
                return Optional.of(owned);
            } finally {
                staged.close();
            }
        }
    }

    @Override
    public String describe(String name) {
        return file + ": " + name;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new SafetensorsException(file, null, "cannot close: " + e, e);
        }
    }

    TensorEntry entry(String name) {
        TensorEntry entry = header.tensors().get(name);
        if (entry == null) {
            throw new SafetensorsException(file, name, "no such tensor in this file");
        }
        return entry;
    }

    /** Reads and converts a tensor's elements into {@code target}; true if a finite value became infinite. */
    private boolean readConverted(TensorEntry entry, ByteBuffer target, DataType dtype) {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        long position = header.dataStart() + entry.begin();
        long remaining = entry.byteLength();
        boolean overflowed = false;
        try {
            while (remaining > 0) {
                ByteBuffer piece = staging.raw((int) Math.min(remaining, readChunkBytes));
                while (piece.hasRemaining()) {
                    if (channel.read(piece, position + piece.position()) < 0) {
                        throw new SafetensorsException(file, entry.name(), "the file ended inside the tensor's data");
                    }
                }
                piece.flip();
                overflowed |= ElementConversion.convert(piece, entry.dtype(), target, dtype);
                position += piece.limit();
                remaining -= piece.limit();
            }
            return overflowed;
        } catch (IOException e) {
            throw new SafetensorsException(file, entry.name(), "cannot read the data: " + e, e);
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
