package org.segmentdsl.internal.column;

import org.segmentdsl.ListStatus;

/**
 * A list and one status on it: the key of the list bitmaps. Its hash code is the same in every
 * JVM (an enum's is not), so that a snapshot file's bytes do not depend on the JVM that wrote it.
 */
public record ListKey(String list, ListStatus status) {
  @Override
  public int hashCode() {
    return list.hashCode() * 31 + status.name().hashCode();
  }
}
