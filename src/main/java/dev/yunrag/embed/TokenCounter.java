package dev.yunrag.embed;

/** Counts tokens the way a model sees them, so that chunks fit the model's input limit. */
@FunctionalInterface
public interface TokenCounter {

    int count(String text);
}
