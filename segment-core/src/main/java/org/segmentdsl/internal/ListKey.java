package org.segmentdsl.internal;

import org.segmentdsl.ListStatus;

/** A list and one status on it: the key of the list bitmaps. */
public record ListKey(String list, ListStatus status) {}
