package org.segmentdsl.internal.column;

import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * A geo field: latitude and longitude as {@link RangeColumn}s, which turn a circle's bounding box
 * into candidate rows, and the coordinates by row, which the exact haversine test reads.
 *
 * <p>The range columns hold each coordinate's band of {@code 1 / }{@value #BANDS_PER_DEGREE} of a
 * degree (about 870 m of latitude), not the coordinate: the box only chooses candidates for the
 * exact test, so a query takes every row in the bands of its bounds (a few more candidates at the
 * edges), and the columns hold at most 23,040 distinct keys a coordinate instead of one a contact.
 * Measured ad hoc at 1,000,000 contacts with random locations: 16 bytes a contact less (the runs'
 * key dictionaries), and a run built in fewer bit slices. Snapshot files of format version 4 and
 * before hold the exact coordinates as keys; they are rebuilt as bands when read.
 */
public final class GeoColumn implements FieldColumn {
  /** Bands a degree of the range columns' keys: a power of two, so a band's bounds are exact. */
  static final int BANDS_PER_DEGREE = 128;

  private RangeColumn lat;
  private RangeColumn lon;
  private ChunkedDoubles lats;
  private ChunkedDoubles lons;

  private GeoColumn(RangeColumn lat, RangeColumn lon, ChunkedDoubles lats, ChunkedDoubles lons) {
    this.lat = lat;
    this.lon = lon;
    this.lats = lats;
    this.lons = lons;
  }

  public static GeoColumn empty() {
    return new GeoColumn(RangeColumn.empty(), RangeColumn.empty(), ChunkedDoubles.empty(),
        ChunkedDoubles.empty());
  }

  /**
   * Rows whose latitude is in {@code [lo, hi]} degrees, and others in the same bands as the bounds
   * (candidates for an exact test), within {@code context} if not null.
   */
  public RoaringBitmap latitudeBetween(double lo, double hi, RoaringBitmap context) {
    return lat.range(band(lo), band(hi), context);
  }

  /**
   * Rows whose longitude is in {@code [lo, hi]} degrees, and others in the same bands as the
   * bounds (candidates for an exact test), within {@code context} if not null.
   */
  public RoaringBitmap longitudeBetween(double lo, double hi, RoaringBitmap context) {
    return lon.range(band(lo), band(hi), context);
  }

  /** The key of each row's coordinate in {@code coordinates}, for the range column's merges. */
  private static IntToLongFunction bands(ChunkedDoubles coordinates) {
    return row -> band(coordinates.get(row));
  }

  /** The key of a coordinate in degrees: its band, which grows with it (never smaller). */
  static long band(double degrees) {
    return (long) Math.floor(degrees * BANDS_PER_DEGREE);
  }

  /** A row's latitude (rows in {@link #set()} only). */
  public double latitude(int row) {
    return lats.get(row);
  }

  /** A row's longitude (rows in {@link #set()} only). */
  public double longitude(int row) {
    return lons.get(row);
  }

  /** Both range columns, then each located row's coordinates, in row order. */
  @Override
  public void writeTo(SnapshotOut out) {
    lat.writeTo(out);
    lon.writeTo(out);
    for (org.roaringbitmap.IntIterator it = lat.set().getIntIterator(); it.hasNext(); ) {
      int row = it.next();
      out.writeDouble(lats.get(row));
      out.writeDouble(lons.get(row));
    }
  }

  static GeoColumn readFrom(SnapshotIn in) {
    RangeColumn lat = RangeColumn.readFrom(in);
    RangeColumn lon = RangeColumn.readFrom(in);
    if (!lat.set().equals(lon.set())) {
      throw in.malformed("latitudes and longitudes of different rows");
    }
    if ((long) lat.set().getCardinality() * 16 > in.remaining()) {
      throw in.malformed("coordinates of " + lat.set().getCardinality() + " rows do not fit");
    }
    WriteScope scope = new WriteScope();
    ChunkedDoubles lats = ChunkedDoubles.empty().edit(scope);
    ChunkedDoubles lons = ChunkedDoubles.empty().edit(scope);
    for (org.roaringbitmap.IntIterator it = lat.set().getIntIterator(); it.hasNext(); ) {
      int row = it.next();
      lats.set(scope, row, in.readDouble());
      lons.set(scope, row, in.readDouble());
    }
    if (in.formatVersion() < 5) { // keys were the coordinates themselves
      lat = RangeColumn.build(lat.set(), bands(lats));
      lon = RangeColumn.build(lon.set(), bands(lons));
    }
    return new GeoColumn(lat, lon, lats, lons);
  }

  @Override
  public RoaringBitmap set() {
    return lat.set();
  }

  @Override
  public GeoColumn edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new GeoColumn(lat, lon, lats, lons));
  }

  @Override
  public void remove(WriteScope scope, int row, Object oldValue) {
    GeoPoint p = (GeoPoint) oldValue;
    lat = lat.edit(scope);
    lat.remove(scope, row, band(p.lat()));
    lon = lon.edit(scope);
    lon.remove(scope, row, band(p.lon()));
  }

  @Override
  public void add(WriteScope scope, int row, Object value) {
    GeoPoint p = (GeoPoint) value;
    lat = lat.edit(scope);
    lat.add(scope, row, band(p.lat()));
    lon = lon.edit(scope);
    lon.add(scope, row, band(p.lon()));
    lats = lats.edit(scope);
    lats.set(scope, row, p.lat());
    lons = lons.edit(scope);
    lons.set(scope, row, p.lon());
  }

  @Override
  public boolean addsInBulk(int batchRows) {
    return lat.needsCompactionAfter(batchRows) || lon.needsCompactionAfter(batchRows);
  }

  @Override
  public FieldColumn addAll(WriteScope scope, RoaringBitmap rows, IntFunction<Object> valueOf) {
    int[] ids = rows.toArray();
    long[] latKeys = new long[ids.length];
    long[] lonKeys = new long[ids.length];
    lats = lats.edit(scope);
    lons = lons.edit(scope);
    for (int i = 0; i < ids.length; i++) {
      GeoPoint p = (GeoPoint) valueOf.apply(ids[i]);
      lats.set(scope, ids[i], p.lat());
      lons.set(scope, ids[i], p.lon());
      latKeys[i] = band(p.lat());
      lonKeys[i] = band(p.lon());
    }
    // every row with a value has it in lats and lons: runs merge without decoding a row
    lat = lat.edit(scope);
    lat.addAll(scope, ids, latKeys, bands(lats));
    lon = lon.edit(scope);
    lon.addAll(scope, ids, lonKeys, bands(lons));
    return this;
  }

  @Override
  public FieldColumn compact(IntFunction<Object> valueOf) {
    return withRanges(RangeColumn::compact);
  }

  @Override
  public FieldColumn compacted(IntFunction<Object> valueOf) {
    return withRanges(RangeColumn::compacted);
  }

  /**
   * This column with {@code step} applied to both range columns (this one if both are unchanged);
   * every row with a value has it in lats and lons, so no row is decoded.
   */
  private FieldColumn withRanges(BiFunction<RangeColumn, IntToLongFunction, RangeColumn> step) {
    RangeColumn nextLat = step.apply(lat, bands(lats));
    RangeColumn nextLon = step.apply(lon, bands(lons));
    return nextLat == lat && nextLon == lon ? this : new GeoColumn(nextLat, nextLon, lats, lons);
  }
}
