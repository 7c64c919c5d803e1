/** The VGG backbone derived from its weights, freeze policies, the classifier head, preprocessing, summaries. */
package dev.tuna.finetune.model;
