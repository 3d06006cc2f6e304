package org.segmentdsl;

/**
 * A point on Earth in degrees, the value of a {@link FieldType#GEO} field.
 *
 * @param lat latitude, -90 to 90
 * @param lon longitude, -180 to 180
 */
public record GeoPoint(double lat, double lon) {
  /** Mean Earth radius (IUGG), the one distances are computed with. */
  public static final double EARTH_RADIUS_KM = 6371.0088;

  /**
   * Checks the coordinates.
   *
   * @param lat latitude in degrees, -90 to 90
   * @param lon longitude in degrees, -180 to 180
   * @throws IllegalArgumentException if a coordinate is out of its range or NaN
   */
  public GeoPoint {
    if (!(lat >= -90 && lat <= 90)) {
      throw new IllegalArgumentException("latitude must be between -90 and 90, got " + lat);
    }
    if (!(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("longitude must be between -180 and 180, got " + lon);
    }
  }

  /**
   * Great-circle distance in kilometres (haversine, Earth radius 6371.0088 km).
   *
   * @param otherLat the other point's latitude in degrees
   * @param otherLon the other point's longitude in degrees
   * @return the distance from this point to the other, in kilometres
   */
  public double distanceKm(double otherLat, double otherLon) {
    double p1 = Math.toRadians(lat);
    double p2 = Math.toRadians(otherLat);
    double dp = p2 - p1;
    double dl = Math.toRadians(otherLon - lon);
    double a = Math.sin(dp / 2) * Math.sin(dp / 2)
        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
  }
}
