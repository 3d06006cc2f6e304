package org.segmentdsl.internal.column;

import java.util.Comparator;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.ReadMeter;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/** A string field: a bitmap per distinct value, and the rows that have any. */
public final class StringColumn implements FieldColumn {
  private BitmapMap<String> values;
  private RoaringBitmap set;

  private StringColumn(BitmapMap<String> values, RoaringBitmap set) {
    this.values = values;
    this.set = set;
  }

  public static StringColumn empty() {
    return new StringColumn(BitmapMap.empty(), new RoaringBitmap());
  }

  /** Rows per distinct value. */
  public BitmapMap<String> values() {
    return values;
  }

  @Override
  public void writeTo(SnapshotOut out) {
    values.writeTo(out, SnapshotOut::writeString, Comparator.naturalOrder());
    out.writeBitmap(set);
  }

  static StringColumn readFrom(SnapshotIn in) {
    return new StringColumn(BitmapMap.readFrom(in, SnapshotIn::readString), in.readBitmap());
  }

  @Override
  public RoaringBitmap set() {
    ReadMeter.bitmap(set);
    return set;
  }

  @Override
  public StringColumn edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new StringColumn(values, set));
  }

  @Override
  public void remove(WriteScope scope, int row, Object oldValue) {
    values = values.edit(scope);
    values.remove(scope, (String) oldValue, row);
    set = scope.withoutRow(set, row);
  }

  @Override
  public void add(WriteScope scope, int row, Object value) {
    values = values.edit(scope);
    values.add(scope, (String) value, row);
    set = scope.withRow(set, row);
  }
}
