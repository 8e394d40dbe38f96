package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.djl.checkpoint.CheckpointException;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes named tensors to a safetensors file the way {@code save_pretrained(safe_serialization=True)} does:
 * tensors in name order, compact JSON header space-padded to a multiple of 8, {@code __metadata__ =
 * {"format":"pt"}}. Floating tensors are written in one chosen type (F32, F16 or BF16, rounded to nearest even as
 * torch rounds); integer tensors are written as I64.
 *
 * <p>Tensors are only referenced when added and read one at a time while the file is written, so the file is never
 * held in memory: tensors from a {@link TensorSource} are loaded into a scratch NDManager and freed after each is
 * written. The file goes to a temporary file that is moved onto the target when complete; an existing target is
 * replaced.
 */
public final class SafetensorsWriter {

    private static final Set<SafetensorsDtype> FLOAT_OUTPUTS = Set.of(SafetensorsDtype.F32, SafetensorsDtype.F16,
            SafetensorsDtype.BF16);
    private static final Set<DataType> SOURCE_FLOATS = Set.of(DataType.FLOAT16, DataType.BFLOAT16, DataType.FLOAT32,
            DataType.FLOAT64);
    private static final Set<DataType> SOURCE_INTEGERS = Set.of(DataType.UINT8, DataType.INT8, DataType.INT16,
            DataType.INT32, DataType.INT64);
    private static final int CHUNK_ELEMENTS = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SafetensorsDtype floatDtype;
    private final Map<String, PendingTensor> tensors = new TreeMap<>();

    /** @param floatDtype the type every floating tensor is written in: F32, F16 or BF16 */
    public SafetensorsWriter(SafetensorsDtype floatDtype) {
        if (!FLOAT_OUTPUTS.contains(floatDtype)) {
            throw new IllegalArgumentException("floating tensors are written as F32, F16 or BF16, not " + floatDtype);
        }
        this.floatDtype = floatDtype;
    }

    /** Adds an array: FLOAT32 (written in the floating type) or INT64 (written as I64). It is read in {@link #write}. */
    public SafetensorsWriter add(String name, NDArray array) {
        DataType type = array.getDataType();
        if (type != DataType.FLOAT32 && type != DataType.INT64) {
            throw new IllegalArgumentException("tensor '" + name + "' is " + type
                    + "; the writer takes FLOAT32 or INT64 arrays (convert with toType first)");
        }
        return put(name, new FromArray(array, type == DataType.INT64 ? SafetensorsDtype.I64 : floatDtype));
    }

    /** Adds one tensor of a source; it is loaded in {@link #write}, and the source must stay open until then. */
    public SafetensorsWriter add(String name, TensorSource source) {
        DataType stored = source.dataType(name);
        SafetensorsDtype written;
        if (SOURCE_FLOATS.contains(stored)) {
            written = floatDtype;
        } else if (SOURCE_INTEGERS.contains(stored)) {
            written = SafetensorsDtype.I64;
        } else {
            throw new IllegalArgumentException(source.describe(name) + ": stored as " + stored
                    + ", which the writer cannot write (it writes floating tensors and integer tensors)");
        }
        return put(name, new FromSource(source, name, source.shape(name), written));
    }

    /** Adds every tensor of a source. */
    public SafetensorsWriter addAll(TensorSource source) {
        for (String name : source.names()) {
            add(name, source);
        }
        return this;
    }

    /** Writes the file atomically; the added tensors are read now, one at a time. */
    public void write(Path target) throws IOException {
        byte[] header = header();
        try (ScratchManager scratch = new ScratchManager()) {
            AtomicFiles.write(target, raw -> {
                OutputStream out = new BufferedOutputStream(raw, 1 << 20);
                out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
                out.write(header);
                for (Map.Entry<String, PendingTensor> tensor : tensors.entrySet()) {
                    tensor.getValue().writeData(out, scratch);
                }
                out.flush();
            });
        }
    }

    private SafetensorsWriter put(String name, PendingTensor tensor) {
        if (name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("'" + name + "' cannot name a tensor");
        }
        if (tensors.putIfAbsent(name, tensor) != null) {
            throw new IllegalArgumentException("tensor '" + name + "' was added twice");
        }
        return this;
    }

    private byte[] header() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(SafetensorsHeader.METADATA_KEY, Map.of("format", "pt"));
        long offset = 0;
        for (Map.Entry<String, PendingTensor> tensor : tensors.entrySet()) {
            PendingTensor pending = tensor.getValue();
            long end = Math.addExact(offset, pending.byteLength());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", pending.written().name());
            entry.put("shape", pending.shape().getShape());
            entry.put("data_offsets", List.of(offset, end));
            root.put(tensor.getKey(), entry);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    /** A tensor waiting to be written. */
    private interface PendingTensor {
        Shape shape();

        SafetensorsDtype written();

        void writeData(OutputStream out, ScratchManager scratch) throws IOException;

        default long byteLength() {
            return Math.multiplyExact(shape().size(), written().byteSize());
        }
    }

    private record FromArray(NDArray array, SafetensorsDtype written) implements PendingTensor {
        @Override
        public Shape shape() {
            return array.getShape();
        }

        @Override
        public void writeData(OutputStream out, ScratchManager scratch) throws IOException {
            if (written == SafetensorsDtype.I64) {
                writeLongs(array.toLongArray(), out);
            } else {
                writeFloats(array.toFloatArray(), written, out);
            }
        }
    }

    private record FromSource(TensorSource source, String name, Shape shape, SafetensorsDtype written)
            implements PendingTensor {
        @Override
        public void writeData(OutputStream out, ScratchManager scratch) throws IOException {
            try (NDManager manager = scratch.get().newSubManager()) {
                DataType loadAs = written == SafetensorsDtype.I64 ? DataType.INT64 : DataType.FLOAT32;
                NDArray array = source.load(name, manager, loadAs);
                if (!array.getShape().equals(shape)) {
                    throw new CheckpointException(source.describe(name) + ": loaded with shape " + array.getShape()
                            + " but the source declared " + shape);
                }
                if (written == SafetensorsDtype.I64) {
                    writeLongs(array.toLongArray(), out);
                } else {
                    writeFloats(array.toFloatArray(), written, out);
                }
            }
        }
    }

    private static void writeFloats(float[] values, SafetensorsDtype written, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * written.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK_ELEMENTS) {
            int end = Math.min(values.length, start + CHUNK_ELEMENTS);
            chunk.clear();
            for (int i = start; i < end; i++) {
                switch (written) {
                    case F32 -> chunk.putFloat(values[i]);
                    case F16 -> chunk.putShort(FloatFormats.floatToHalf(values[i]));
                    case BF16 -> chunk.putShort(FloatFormats.floatToBf16(values[i]));
                    default -> throw new IllegalStateException(written + " is not a floating output type");
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    private static void writeLongs(long[] values, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK_ELEMENTS) {
            int end = Math.min(values.length, start + CHUNK_ELEMENTS);
            chunk.clear();
            chunk.asLongBuffer().put(values, start, end - start);
            out.write(chunk.array(), 0, (end - start) * Long.BYTES);
        }
    }

    /** The NDManager tensors from sources are loaded into; created only if a source tensor is written. */
    private static final class ScratchManager implements AutoCloseable {
        private NDManager manager;

        NDManager get() {
            if (manager == null) {
                manager = NDManager.newBaseManager();
            }
            return manager;
        }

        @Override
        public void close() {
            if (manager != null) {
                manager.close();
            }
        }
    }
}
