package org.segmentdsl.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;

/** The writer's encoded rows decode to exactly what was encoded, field by field too. */
class RowCodecTest {
  private static final Map<String, FieldType> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", FieldType.STRING);
    FIELDS.put("score", FieldType.NUMBER);
    FIELDS.put("born", FieldType.DATE);
    FIELDS.put("seen", FieldType.DATETIME);
    FIELDS.put("vip", FieldType.BOOLEAN);
    FIELDS.put("home", FieldType.GEO);
  }

  private static final Object[][] EDGES = {
      {"", "a", "é\u0000", "\ud800 lone", "\udfff\ud800", "日本語", "x".repeat(300)},
      {0.0, -0.0, 1.5, -1e300, Double.MIN_VALUE, 9.007199254740993E15},
      {LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH, LocalDate.of(1969, 12, 31)},
      {Instant.parse("-290000-01-01T00:00:00Z"), Instant.parse("+290000-01-01T00:00:00Z"),
          Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z")},
      {true, false},
      {new GeoPoint(0, 0), new GeoPoint(-90, -180), new GeoPoint(89.999999, 179.5)}};

  @Test
  void contactRowsRoundTripWholeAndFieldByField() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    RowCodec codec = new RowCodec(FIELDS);
    String[] names = FIELDS.keySet().toArray(new String[0]);
    for (int round = 0; round < 2_000; round++) {
      Map<String, Object> fields = new HashMap<>();
      for (int f = 0; f < names.length; f++) {
        if (r.nextBoolean()) {
          fields.put(names[f], EDGES[f][r.nextInt(EDGES[f].length)]);
        }
      }
      Set<String> tags = new HashSet<>();
      for (int t = r.nextInt(6); t > 0; t--) {
        tags.add("tag-" + r.nextInt(300));
      }
      Map<String, ListStatus> lists = new HashMap<>();
      for (int l = r.nextInt(4); l > 0; l--) {
        lists.put("list-" + r.nextInt(5), ListStatus.values()[r.nextInt(4)]);
      }
      String account = r.nextBoolean() ? null : "acct-" + r.nextInt(1000);
      ContactRow row = new ContactRow("c-" + round, tags, lists, fields, account);

      byte[] bytes = codec.encode(row);
      assertThat(codec.decodeContact("c-" + round, bytes)).as("seed %d", seed).isEqualTo(row);
      for (String name : names) {
        assertThat(codec.field(bytes, name)).as("seed %d, %s", seed, name)
            .isEqualTo(fields.get(name));
      }
      assertThat(codec.field(bytes, "not-a-field")).isNull();
    }
  }

  @Test
  void entityRowsRoundTripWithAndWithoutAnOwner() {
    RowCodec codec = new RowCodec(FIELDS);
    EntityRow deal = new EntityRow("d-1", "c-9", Map.of("score", -0.0, "name", "\ud800"));
    EntityRow account = new EntityRow("a-1", null, Map.of());
    assertThat(codec.decodeEntity("d-1", codec.encode(deal))).isEqualTo(deal);
    assertThat(codec.decodeEntity("a-1", codec.encode(account))).isEqualTo(account);
    assertThat(Double.doubleToRawLongBits((Double) codec.field(codec.encode(deal), "score")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }
}
