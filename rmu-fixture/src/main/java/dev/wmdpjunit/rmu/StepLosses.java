package dev.wmdpjunit.rmu;

/**
 * The losses of one RMU step, computed before that step's update (as the official code prints them).
 *
 * @param forget forget loss: MSE between the updated model's activations on the forget batch and the control vector
 * @param retain retain loss: alpha x MSE between the updated and the frozen model's activations on the retain batch
 * @param total  forget + retain, the loss that is differentiated
 */
public record StepLosses(double forget, double retain, double total) {
}
