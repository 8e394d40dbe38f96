package dev.wmdpjunit.djl.model;

/**
 * Which outputs a forward pass returns besides the logits.
 *
 * @param hiddenStates HF {@code output_hidden_states}: the embedding output, the output of every layer but the
 *                     last, and the final norm applied to the last layer's output (L + 1 arrays)
 * @param layerOutputs the raw output (residual stream, before the final norm) of every decoder layer (L arrays)
 * @param routerLogits the router logits of every mixture-of-experts layer, before the softmax (L arrays)
 */
public record ForwardOptions(boolean hiddenStates, boolean layerOutputs, boolean routerLogits) {

    /** Logits only. */
    public static final ForwardOptions LOGITS = new ForwardOptions(false, false, false);

    public ForwardOptions withHiddenStates() {
        return new ForwardOptions(true, layerOutputs, routerLogits);
    }

    public ForwardOptions withLayerOutputs() {
        return new ForwardOptions(hiddenStates, true, routerLogits);
    }

    public ForwardOptions withRouterLogits() {
        return new ForwardOptions(hiddenStates, layerOutputs, true);
    }
}
