package org.segmentdsl.spark;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.eval.SqlCompiler;
import org.segmentdsl.sql.LayoutRows;
import org.segmentdsl.sql.SegmentSql;
import org.segmentdsl.sql.SqlEngine;

/**
 * Segments on Apache Spark: the table layout ({@code docs/sql.md}) as temporary views of a
 * {@link SparkSession}, and a segment evaluated there as one compiled query ({@link SegmentSql},
 * Spark SQL dialect). Datetimes are Spark {@code TIMESTAMP}s (instants), so answers do not depend
 * on the session's time zone. Spark is a {@code provided} dependency: the application brings it.
 */
public final class SparkSegments {
  private SparkSegments() {}

  /**
   * Registers the layout's tables as temporary views of {@code spark}, filled from a snapshot
   * (for tests and small data; a cluster reads the tables from where they live, such as the
   * Parquet files of {@code bin/segment export}, under the same names). Each view has the
   * integer keys of {@link SegmentSql.Keys#POSITIONS} after the layout's columns, as {@code
   * DuckDbTables.load} adds them.
   *
   * @param spark the session, not null
   * @param snapshot the state to register, not null
   */
  public static void register(SparkSession spark, IndexSnapshot snapshot) {
    Objects.requireNonNull(spark, "spark");
    Schema schema = snapshot.schema();
    List<Row> contacts = new ArrayList<>();
    List<Row> tags = new ArrayList<>();
    List<Row> lists = new ArrayList<>();
    List<Row> events = new ArrayList<>();
    List<Row> props = new ArrayList<>();
    List<Row> deals = new ArrayList<>();
    List<Row> accounts = new ArrayList<>();
    LayoutRows.walk(snapshot, new LayoutRows.Sink<RuntimeException>() {
      @Override
      public void contact(String id, long position, @Nullable String account,
          @Nullable Long accountPosition, Map<String, Object> fields) {
        List<Object> row = new ArrayList<>(List.of(id, position));
        row.add(account);
        values(row, schema.contactFields(), fields);
        row.add(accountPosition);
        contacts.add(RowFactory.create(row.toArray()));
      }

      @Override
      public void tag(String contactId, String tag, long position) {
        tags.add(RowFactory.create(contactId, tag, position));
      }

      @Override
      public void list(String contactId, String list, ListStatus status, long position) {
        lists.add(RowFactory.create(contactId, list, status.jsonName(), position));
      }

      @Override
      public void event(long eventId, String contactId, String type, Instant at,
          long position) {
        events.add(RowFactory.create(eventId, contactId, type, at, position));
      }

      @Override
      public void property(long eventId, String key, Object v) {
        props.add(v instanceof String s ? RowFactory.create(eventId, key, "string", s, null, null)
            : v instanceof Boolean b ? RowFactory.create(eventId, key, "boolean", null, null, b)
            : RowFactory.create(eventId, key, "number", null, ((Number) v).doubleValue(), null));
      }

      @Override
      public void deal(String id, String contactId, Map<String, Object> fields, long position) {
        List<Object> row = new ArrayList<>(List.of(id, contactId));
        values(row, schema.dealFields(), fields);
        row.add(position);
        deals.add(RowFactory.create(row.toArray()));
      }

      @Override
      public void account(String id, long position, Map<String, Object> fields) {
        List<Object> row = new ArrayList<>(List.of(id));
        values(row, schema.accountFields(), fields);
        row.add(position);
        accounts.add(RowFactory.create(row.toArray()));
      }
    });
    view(spark, "contacts", contacts, fields(new StructType()
        .add("id", DataTypes.StringType, false).add("position", DataTypes.LongType, false)
        .add("account_id", DataTypes.StringType),
        schema.contactFields(), SqlCompiler.CONTACT_COLUMNS)
        .add("account_position", DataTypes.LongType));
    view(spark, "contact_tags", tags, new StructType().add("contact_id", DataTypes.StringType,
        false).add("tag", DataTypes.StringType, false)
        .add("contact_position", DataTypes.LongType, false));
    view(spark, "contact_lists", lists, new StructType().add("contact_id", DataTypes.StringType,
        false).add("list", DataTypes.StringType, false).add("status", DataTypes.StringType,
        false).add("contact_position", DataTypes.LongType, false));
    view(spark, "events", events, new StructType().add("event_id", DataTypes.LongType, false)
        .add("contact_id", DataTypes.StringType, false).add("type", DataTypes.StringType, false)
        .add("at", DataTypes.TimestampType, false)
        .add("contact_position", DataTypes.LongType, false));
    view(spark, "event_props", props, new StructType().add("event_id", DataTypes.LongType, false)
        .add("key", DataTypes.StringType, false).add("kind", DataTypes.StringType, false)
        .add("s", DataTypes.StringType).add("n", DataTypes.DoubleType)
        .add("b", DataTypes.BooleanType));
    view(spark, "deals", deals, fields(new StructType().add("id", DataTypes.StringType, false)
        .add("contact_id", DataTypes.StringType, false), schema.dealFields(),
        SqlCompiler.DEAL_COLUMNS).add("contact_position", DataTypes.LongType, false));
    view(spark, "accounts", accounts, fields(new StructType().add("id", DataTypes.StringType,
        false), schema.accountFields(), SqlCompiler.ACCOUNT_COLUMNS)
        .add("position", DataTypes.LongType, false));
  }

  /**
   * Registers the layout's tables as temporary views of {@code spark}, read from the Parquet
   * folders of an export ({@code bin/segment export}, {@code DuckDbTables.exportParquet}): {@code
   * dir/contacts}, {@code dir/contact_tags}, ... (any path Spark reads: a local folder, HDFS, S3).
   *
   * @param spark the session, not null
   * @param dir the export's folder, not null
   */
  public static void registerParquet(SparkSession spark, String dir) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(dir, "dir");
    for (String table : SegmentSql.TABLES) {
      spark.read().parquet(dir + "/" + table).createOrReplaceTempView(table);
    }
  }

  private static void view(SparkSession spark, String name, List<Row> rows, StructType type) {
    spark.createDataFrame(rows, type).createOrReplaceTempView(name);
  }

  private static StructType fields(StructType base, Map<String, FieldType> fields,
      List<String> fixed) {
    Map<String, String> columns = SqlCompiler.columns(fields, fixed);
    StructType out = base;
    for (Map.Entry<String, FieldType> f : fields.entrySet()) {
      if (f.getValue() == FieldType.GEO) {
        out = out.add(columns.get(f.getKey() + "_lat"), DataTypes.DoubleType)
            .add(columns.get(f.getKey() + "_lon"), DataTypes.DoubleType);
      } else {
        out = out.add(columns.get(f.getKey()), sparkType(f.getValue()));
      }
    }
    return out;
  }

  private static DataType sparkType(FieldType type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case NUMBER -> DataTypes.DoubleType;
      case DATE -> DataTypes.DateType;
      case DATETIME -> DataTypes.TimestampType;
      default -> DataTypes.BooleanType;
    };
  }

  /** A row's field values, in schema order (a geo field as two doubles). */
  private static void values(List<Object> row, Map<String, FieldType> types,
      Map<String, Object> values) {
    for (Map.Entry<String, FieldType> f : types.entrySet()) {
      Object v = values.get(f.getKey());
      if (f.getValue() == FieldType.GEO) {
        row.add(v == null ? null : ((GeoPoint) v).lat());
        row.add(v == null ? null : ((GeoPoint) v).lon());
      } else if (v instanceof Instant || v instanceof LocalDate || v == null) {
        row.add(v);
      } else {
        row.add(v instanceof Number n && f.getValue() == FieldType.NUMBER ? n.doubleValue() : v);
      }
    }
  }

  /**
   * The members of a segment over the session's tables: their ids, ordered by position, joined
   * on {@link SegmentSql.Keys#IDS} (for any tables in the layout).
   *
   * @param spark the session whose tables (or views) the query reads, not null
   * @param segment the segment, not null
   * @param schema the tables' schema, not null
   * @param context the instant, zone and saved segments, not null
   * @return a one-column ({@code id}) dataset, ordered by position
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   */
  public static Dataset<Row> evaluate(SparkSession spark, Segment segment, Schema schema,
      EvaluationContext context) {
    return evaluate(spark, segment, schema, context, SegmentSql.Keys.IDS);
  }

  /**
   * The members of a segment over the session's tables: their ids, ordered by position.
   *
   * @param spark the session whose tables (or views) the query reads, not null
   * @param segment the segment, not null
   * @param schema the tables' schema, not null
   * @param context the instant, zone and saved segments, not null
   * @param keys what the query joins on ({@link SegmentSql.Keys#POSITIONS} needs the tables of
   *     {@link #register} or of an export), not null
   * @return a one-column ({@code id}) dataset, ordered by position
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   */
  public static Dataset<Row> evaluate(SparkSession spark, Segment segment, Schema schema,
      EvaluationContext context, SegmentSql.Keys keys) {
    Objects.requireNonNull(spark, "spark");
    return spark.sql(SegmentSql.compile(segment, schema, context, SqlEngine.SPARK, keys));
  }

  /**
   * The ids of {@link #evaluate}, collected in order.
   *
   * @param spark the session, not null
   * @param segment the segment, not null
   * @param schema the tables' schema, not null
   * @param context the instant, zone and saved segments, not null
   * @param keys what the query joins on, not null
   * @return the ids
   */
  public static List<String> ids(SparkSession spark, Segment segment, Schema schema,
      EvaluationContext context, SegmentSql.Keys keys) {
    List<String> ids = new ArrayList<>();
    for (Row r : evaluate(spark, segment, schema, context, keys).collectAsList()) {
      ids.add(r.getString(0));
    }
    return ids;
  }

  /**
   * How many contacts the segment holds, counted by Spark ({@link SegmentSql#compileCount}):
   * no ids are collected or sorted.
   *
   * @param spark the session whose tables (or views) the query reads, not null
   * @param segment the segment, not null
   * @param schema the tables' schema, not null
   * @param context the instant, zone and saved segments, not null
   * @param keys what the query joins on, not null
   * @return the count
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   */
  public static long count(SparkSession spark, Segment segment, Schema schema,
      EvaluationContext context, SegmentSql.Keys keys) {
    Objects.requireNonNull(spark, "spark");
    return spark.sql(SegmentSql.compileCount(segment, schema, context, SqlEngine.SPARK, keys))
        .first().getLong(0);
  }
}
