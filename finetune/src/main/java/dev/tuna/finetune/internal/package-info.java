/** Graph building and tensor copies shared by the finetune packages; not API. */
package dev.tuna.finetune.internal;
