package dev.wmdpjunit.rmu;

import dev.wmdpjunit.djl.model.Architecture;
import dev.wmdpjunit.djl.model.ModelParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which parameters RMU trains: by Hugging Face name pattern, or by the official code's {@code param_ids}.
 *
 * <p>{@code param_ids} index into {@code list(model.model.layers[i].parameters())} for each of the
 * {@code layer_ids}, which is the layer's parameters in state-dict order: for Llama and Mistral index 6 is
 * {@code mlp.down_proj.weight} (q, k, v, o, gate, up, down, input_layernorm, post_attention_layernorm); for
 * Mixtral index 7 is {@code block_sparse_moe.experts.0.w3.weight} (q, k, v, o, gate, then w1, w2, w3 of each
 * expert). The same index means different tensors in other architectures.
 */
public sealed interface ParameterSelection {

    /**
     * The names of the selected parameters, in state-dict order.
     *
     * @param layerIds the decoder layers RMU updates ({@code layer_ids})
     * @throws IllegalArgumentException if the selection names no parameter, or an index or layer does not exist
     */
    List<String> resolve(ModelParameters parameters, Architecture architecture, List<Integer> layerIds);

    /** A short description for logs, reports and the cache key. */
    String describe();

    /** The default: {@code <layer prefix>mlp.down_proj.weight} of each of the {@code layer_ids}. */
    static ParameterSelection downProjections() {
        return new ByLayerSuffix("mlp.down_proj.weight");
    }

    /** Parameters whose full HF name matches one of these regular expressions. */
    static ParameterSelection byNamePattern(String... regexes) {
        return new ByNamePattern(List.of(regexes));
    }

    /** The official {@code param_ids}: indices into each selected layer's parameter list. */
    static ParameterSelection byParamIds(List<Integer> paramIds) {
        return new ByParamIds(List.copyOf(paramIds));
    }

    /** One parameter per selected layer, by its name inside the layer. */
    record ByLayerSuffix(String suffix) implements ParameterSelection {
        @Override
        public List<String> resolve(ModelParameters parameters, Architecture architecture, List<Integer> layerIds) {
            List<String> names = new ArrayList<>();
            for (int layer : layerIds) {
                String name = DecoderLayers.prefix(parameters, architecture, layer) + suffix;
                parameters.get(name); // fails naming the model's parameters if it is absent
                names.add(name);
            }
            return names;
        }

        @Override
        public String describe() {
            return "layer suffix " + suffix;
        }
    }

    /** Every parameter whose name fully matches one of the patterns, whatever the layer. */
    record ByNamePattern(List<String> regexes) implements ParameterSelection {
        public ByNamePattern {
            regexes = List.copyOf(regexes);
            if (regexes.isEmpty()) {
                throw new IllegalArgumentException("give at least one parameter name pattern");
            }
        }

        @Override
        public List<String> resolve(ModelParameters parameters, Architecture architecture, List<Integer> layerIds) {
            List<Pattern> patterns = regexes.stream().map(Pattern::compile).toList();
            List<String> names = parameters.names().stream()
                    .filter(name -> patterns.stream().anyMatch(p -> p.matcher(name).matches()))
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("no parameter name matches " + regexes);
            }
            return names;
        }

        @Override
        public String describe() {
            return "name patterns " + regexes;
        }
    }

    /** The official selection: for each layer of {@code layer_ids}, its parameters at these indices. */
    record ByParamIds(List<Integer> paramIds) implements ParameterSelection {
        public ByParamIds {
            paramIds = List.copyOf(paramIds);
            if (paramIds.isEmpty()) {
                throw new IllegalArgumentException("give at least one param id");
            }
        }

        @Override
        public List<String> resolve(ModelParameters parameters, Architecture architecture, List<Integer> layerIds) {
            List<String> names = new ArrayList<>();
            for (int layer : layerIds) {
                String prefix = DecoderLayers.prefix(parameters, architecture, layer);
                List<String> layerParameters = parameters.names().stream().filter(n -> n.startsWith(prefix)).toList();
                for (int index = 0; index < layerParameters.size(); index++) {
                    if (paramIds.contains(index)) {
                        names.add(layerParameters.get(index));
                    }
                }
                int largest = paramIds.stream().mapToInt(Integer::intValue).max().orElseThrow();
                if (largest >= layerParameters.size()) {
                    throw new IllegalArgumentException("param id " + largest + " does not exist: layer " + layer
                            + " has " + layerParameters.size() + " parameters: " + layerParameters.stream()
                            .map(n -> n.substring(prefix.length())).collect(Collectors.joining(", ")));
                }
            }
            return names;
        }

        @Override
        public String describe() {
            return "param ids " + paramIds;
        }
    }
}
