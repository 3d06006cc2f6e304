package org.segmentdsl.reference;

import java.lang.reflect.Field;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.internal.table.IndexData;

/** What the tests read of a snapshot beyond its API, by reflection. */
final class Internals {
  private Internals() {}

  /** The index data a snapshot evaluates on. */
  static IndexData data(IndexSnapshot snapshot) throws ReflectiveOperationException {
    Field field = IndexSnapshot.class.getDeclaredField("data");
    field.setAccessible(true);
    return (IndexData) field.get(snapshot);
  }
}
