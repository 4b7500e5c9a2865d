package dev.yunrag.index;

/** Size of a collection's index. */
public record IndexStats(int documents, int chunks, long bytesOnDisk, IndexSettings settings) {
}
