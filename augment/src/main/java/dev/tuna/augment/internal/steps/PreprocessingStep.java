package dev.tuna.augment.internal.steps;

import static dev.tuna.core.internal.Preconditions.requireArgument;

import dev.tuna.augment.TransformParameters;
import dev.tuna.core.image.Image;
import java.util.function.UnaryOperator;

/** Keras' {@code preprocessing_function}, the first step of {@code standardize}. */
public final class PreprocessingStep implements SampleStep {
  private final UnaryOperator<Image> function;

  /**
   * The step that calls {@code function}.
   *
   * @param function the user's function; must return an image of the same shape
   */
  public PreprocessingStep(UnaryOperator<Image> function) {
    this.function = function;
  }

  @Override
  public boolean active(TransformParameters p) {
    return true;
  }

  @Override
  public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
    Image in = Image.wrap(height, width, channels, x);
    Image out = function.apply(in);
    requireArgument(out != null && out.sameShape(in),
        "preprocessingFunction must return an image of the same shape %s but returned %s", in, out);
    return out.data();
  }
}
