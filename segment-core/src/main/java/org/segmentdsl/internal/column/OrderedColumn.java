package org.segmentdsl.internal.column;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.FieldType;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * A number, date or datetime field: a {@link RangeColumn} over the values' {@link Keys}; date
 * fields also keep a bitmap per month and day, which answers {@code anniversary} with one lookup
 * instead of a scan over every year.
 */
public final class OrderedColumn implements FieldColumn {
  private final FieldType type;
  private RangeColumn range;
  private RoaringBitmap[] byMonthDay; // index month * 32 + day; dates only

  private OrderedColumn(FieldType type, RangeColumn range, RoaringBitmap[] byMonthDay) {
    this.type = type;
    this.range = range;
    this.byMonthDay = byMonthDay;
  }

  public static OrderedColumn empty(FieldType type) {
    if (type != FieldType.NUMBER && type != FieldType.DATE && type != FieldType.DATETIME) {
      throw new IllegalArgumentException("not an ordered type: " + type);
    }
    return new OrderedColumn(type, RangeColumn.empty(),
        type == FieldType.DATE ? new RoaringBitmap[13 * 32] : null);
  }

  /** The key of a normalised value of this column's type. */
  public long keyOf(Object value) {
    return switch (type) {
      case NUMBER -> Keys.ofNumber((Double) value);
      case DATE -> Keys.ofDate((LocalDate) value);
      case DATETIME -> Keys.floorMicros((Instant) value);
      default -> throw new IllegalStateException(type.toString());
    };
  }

  public FieldType type() {
    return type;
  }

  /** Rows whose key is in {@code [lo, hi]}, within {@code context} if not null. */
  public RoaringBitmap range(long lo, long hi, RoaringBitmap context) {
    return range.range(lo, hi, context);
  }

  /** Rows whose date falls on that month and day (any year). Dates only; may be null. */
  public RoaringBitmap onMonthDay(MonthDay monthDay) {
    return byMonthDay[monthDay.getMonthValue() * 32 + monthDay.getDayOfMonth()];
  }

  /** The range column, then for dates the month-day bitmaps that exist, by index. */
  @Override
  public void writeTo(SnapshotOut out) {
    range.writeTo(out);
    if (byMonthDay != null) {
      int n = 0;
      for (RoaringBitmap b : byMonthDay) {
        n += b == null ? 0 : 1;
      }
      out.writeVarint(n);
      for (int i = 0; i < byMonthDay.length; i++) {
        if (byMonthDay[i] != null) {
          out.writeVarint(i);
          out.writeBitmap(byMonthDay[i]);
        }
      }
    }
  }

  static OrderedColumn readFrom(SnapshotIn in, FieldType type) {
    RangeColumn range = RangeColumn.readFrom(in);
    RoaringBitmap[] monthDays = null;
    if (type == FieldType.DATE) {
      monthDays = new RoaringBitmap[13 * 32];
      int n = in.count(2);
      for (int k = 0; k < n; k++) {
        int i = in.readInt(monthDays.length - 1);
        if (monthDays[i] != null) {
          throw in.malformed("month-day " + i + " twice");
        }
        monthDays[i] = in.readBitmap();
      }
    }
    return new OrderedColumn(type, range, monthDays);
  }

  @Override
  public RoaringBitmap set() {
    return range.set();
  }

  @Override
  public OrderedColumn edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new OrderedColumn(type, range, byMonthDay));
  }

  @Override
  public void remove(WriteScope scope, int row, Object oldValue) {
    range = range.edit(scope);
    range.remove(scope, row, keyOf(oldValue));
    if (byMonthDay != null) {
      int i = monthDayIndex((LocalDate) oldValue);
      ownMonthDays(scope);
      byMonthDay[i] = scope.withoutRow(byMonthDay[i], row);
    }
  }

  @Override
  public void add(WriteScope scope, int row, Object value) {
    range = range.edit(scope);
    range.add(scope, row, keyOf(value));
    if (byMonthDay != null) {
      int i = monthDayIndex((LocalDate) value);
      ownMonthDays(scope);
      byMonthDay[i] = scope.withRow(byMonthDay[i], row);
    }
  }

  private void ownMonthDays(WriteScope scope) {
    if (!scope.isFresh(byMonthDay)) {
      byMonthDay = scope.created(byMonthDay.clone());
    }
  }

  private static int monthDayIndex(LocalDate date) {
    return date.getMonthValue() * 32 + date.getDayOfMonth();
  }

  @Override
  public boolean addsInBulk(int batchRows) {
    return range.needsCompactionAfter(batchRows);
  }

  @Override
  public FieldColumn addAll(WriteScope scope, RoaringBitmap rows, IntFunction<Object> valueOf) {
    int[] ids = rows.toArray();
    long[] keys = new long[ids.length];
    if (byMonthDay != null) {
      ownMonthDays(scope);
    }
    for (int i = 0; i < ids.length; i++) {
      Object value = valueOf.apply(ids[i]); // decoded once, for both structures
      keys[i] = keyOf(value);
      if (byMonthDay != null) {
        int m = monthDayIndex((LocalDate) value);
        byMonthDay[m] = scope.withRow(byMonthDay[m], ids[i]);
      }
    }
    range = range.edit(scope);
    range.addAll(scope, ids, keys, row -> keyOf(valueOf.apply(row)));
    return this;
  }

  @Override
  public FieldColumn compact(IntFunction<Object> valueOf) {
    return withRange(RangeColumn::compact, valueOf);
  }

  @Override
  public FieldColumn compacted(IntFunction<Object> valueOf) {
    return withRange(RangeColumn::compacted, valueOf);
  }

  /** This column with {@code step} applied to its range column (this one if that is unchanged). */
  private FieldColumn withRange(BiFunction<RangeColumn, IntToLongFunction, RangeColumn> step,
      IntFunction<Object> valueOf) {
    RangeColumn next = step.apply(range, row -> keyOf(valueOf.apply(row)));
    return next == range ? this : new OrderedColumn(type, next, byMonthDay);
  }
}
