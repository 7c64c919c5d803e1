/** Inference SavedModel export and {@link dev.tuna.finetune.export.Classifier} for prediction. */
package dev.tuna.finetune.export;
