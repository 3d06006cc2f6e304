package org.segmentdsl.internal.column;

import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.ReadMeter;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/** A boolean field: the rows that are true and the rows that are false. */
public final class BooleanColumn implements FieldColumn {
  private RoaringBitmap trueRows;
  private RoaringBitmap falseRows;

  private BooleanColumn(RoaringBitmap trueRows, RoaringBitmap falseRows) {
    this.trueRows = trueRows;
    this.falseRows = falseRows;
  }

  public static BooleanColumn empty() {
    return new BooleanColumn(new RoaringBitmap(), new RoaringBitmap());
  }

  /** Rows whose value is {@code value}. Never change the returned bitmap. */
  public RoaringBitmap rows(boolean value) {
    RoaringBitmap rows = value ? trueRows : falseRows;
    ReadMeter.bitmap(rows);
    return rows;
  }

  @Override
  public void writeTo(SnapshotOut out) {
    out.writeBitmap(trueRows);
    out.writeBitmap(falseRows);
  }

  static BooleanColumn readFrom(SnapshotIn in) {
    return new BooleanColumn(in.readBitmap(), in.readBitmap());
  }

  @Override
  public RoaringBitmap set() {
    ReadMeter.bitmap(trueRows);
    ReadMeter.bitmap(falseRows);
    return RoaringBitmap.or(trueRows, falseRows);
  }

  @Override
  public BooleanColumn edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new BooleanColumn(trueRows, falseRows));
  }

  @Override
  public void remove(WriteScope scope, int row, Object oldValue) {
    if ((Boolean) oldValue) {
      trueRows = scope.withoutRow(trueRows, row);
    } else {
      falseRows = scope.withoutRow(falseRows, row);
    }
  }

  @Override
  public void add(WriteScope scope, int row, Object value) {
    if ((Boolean) value) {
      trueRows = scope.withRow(trueRows, row);
    } else {
      falseRows = scope.withRow(falseRows, row);
    }
  }
}
