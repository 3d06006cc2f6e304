package org.segmentdsl.internal.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.column.ListKey;
import org.segmentdsl.internal.snapshot.SnapshotFormat;
import org.segmentdsl.internal.snapshot.SnapshotOut;
import org.segmentdsl.internal.table.IdDictionary;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;
import org.segmentdsl.internal.table.RowStore;

/**
 * Writes a captured state as a snapshot file ({@link SnapshotFormat}): every section is written
 * twice, once to measure it, so that the header can give every length first, and once for real.
 */
public final class SnapshotWriter {
  private SnapshotWriter() {}

  /**
   * What a snapshot file holds, captured under the writer's lock by {@link IndexWriter#capture}:
   * the published state, which never changes, and copies of the writer's own tables.
   *
   * @param data the published state
   * @param ids the contact ids as of the state
   * @param idCount the number of contact ids given a row
   * @param rows the writer's contact rows
   * @param deals the deal table
   * @param accounts the account table
   * @param propertyMaps each event type's property maps
   */
  public record State(IndexData data, IdDictionary.Ids ids, int idCount, RowStore.Saved rows,
      EntityWriter.Saved deals, EntityWriter.Saved accounts,
      Map<String, Map<String, Object>[]> propertyMaps) {}

  /**
   * What a written file holds.
   *
   * @param contacts contacts
   * @param events events
   * @param deals deals
   * @param accounts accounts
   * @param segments saved segments
   * @param bytes the file's length
   */
  public record Written(int contacts, long events, int deals, int accounts, int segments,
      long bytes) {}

  /**
   * Writes the state and the saved segments (each already encoded by {@link
   * org.segmentdsl.internal.snapshot.SegmentCodec}) to {@code out}, which is left open.
   */
  public static Written write(State state, List<byte[]> segments, OutputStream out)
      throws IOException {
    IndexData data = state.data();
    Relations relations = data.relations();
    Written summary = new Written(data.universe().getCardinality(), data.events().count(),
        relations.deals().universe().getCardinality(),
        relations.accounts().universe().getCardinality(), segments.size(), 0);
    Map<String, Consumer<SnapshotOut>> sections = sections(state, segments, summary);

    // first pass: the lengths
    SnapshotOut counter = SnapshotOut.measuring();
    Map<String, Long> lengths = new LinkedHashMap<>();
    sections.forEach((name, writer) -> {
      writer.accept(counter);
      lengths.put(name, counter.endSection());
    });
    byte[] header = header(lengths);
    long total = SnapshotFormat.PRELUDE + header.length + 4;
    for (long length : lengths.values()) {
      total += SnapshotFormat.sectionBytes(length);
    }
    SnapshotFormat.putLong(header, 4, total);
    SnapshotFormat.putInt(header, header.length - 4,
        SnapshotFormat.crc(header, 0, header.length - 4));

    // second pass: the bytes
    CRC32C fileCrc = new CRC32C();
    SnapshotOut.Sink sink = (bytes, from, length) -> {
      out.write(bytes, from, length);
      fileCrc.update(bytes, from, length);
    };
    byte[] prelude = SnapshotFormat.prelude(SnapshotFormat.VERSION, header.length);
    sink.write(prelude, 0, prelude.length);
    sink.write(header, 0, header.length);
    SnapshotOut writer = SnapshotOut.writingTo(sink);
    try {
      sections.forEach((name, section) -> {
        section.accept(writer);
        long length = writer.endSection();
        if (length != lengths.get(name)) {
          throw new IllegalStateException("section " + name + " measured " + lengths.get(name)
              + " bytes but wrote " + length);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    byte[] trailer = new byte[4];
    SnapshotFormat.putInt(trailer, 0, (int) fileCrc.getValue());
    out.write(trailer);
    out.flush();
    return new Written(summary.contacts(), summary.events(), summary.deals(), summary.accounts(),
        summary.segments(), total);
  }

  /** The header: flags, file length (filled in later), the sections' names and lengths, crc. */
  private static byte[] header(Map<String, Long> lengths) {
    List<byte[]> names = new ArrayList<>();
    int size = 4 + 8 + 1 + 4;
    for (String name : lengths.keySet()) {
      byte[] n = name.getBytes(StandardCharsets.US_ASCII);
      names.add(n);
      size += 1 + n.length + 8;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(0); // flags
    b.putLong(0); // the file's length, once known
    b.put((byte) lengths.size());
    int i = 0;
    for (long length : lengths.values()) {
      byte[] n = names.get(i++);
      b.put((byte) n.length).put(n).putLong(length);
    }
    return b.array();
  }

  private static Map<String, Consumer<SnapshotOut>> sections(State state,
      List<byte[]> segments, Written summary) {
    IndexData data = state.data();
    Schema schema = data.schema();
    Relations relations = data.relations();
    Map<String, Consumer<SnapshotOut>> s = new LinkedHashMap<>();
    s.put("summary", out -> {
      out.writeVarint(summary.contacts());
      out.writeVarint(summary.events());
      out.writeVarint(summary.deals());
      out.writeVarint(summary.accounts());
      out.writeVarint(summary.segments());
      out.writeVarint(data.version());
    });
    s.put("schema", out -> {
      writeFields(out, schema.contactFields());
      writeFields(out, schema.dealFields());
      writeFields(out, schema.accountFields());
    });
    s.put("contacts", out -> {
      IdDictionary.writeTo(out, state.ids(), state.idCount());
      out.writeBitmap(data.universe());
      state.rows().writeTo(out);
    });
    s.put("tags", out -> data.tags().writeTo(out, SnapshotOut::writeString,
        Comparator.naturalOrder()));
    s.put("lists", out -> data.lists().writeTo(out, (o, key) -> {
      o.writeString(key.list());
      o.writeByte(SnapshotFormat.code(key.status()));
    }, Comparator.comparing(ListKey::list).thenComparing(k -> SnapshotFormat.code(k.status()))));
    s.put("fields", out -> schema.contactFields().keySet()
        .forEach(name -> data.fields().get(name).writeTo(out)));
    s.put("events", out -> data.events().writeTo(out, state.propertyMaps()));
    s.put("event-times", out -> data.events().writeTimesTo(out));
    s.put("event-hours", out -> data.events().writeHoursTo(out));
    s.put("event-property-days", out -> data.events().writePropertyDaysTo(out));
    s.put("deals", out -> {
      state.deals().writeTo(out);
      relations.dealOwners().writeTo(out);
      relations.dealsByOwner().writeTo(out, (o, deals) -> {
        if (deals == null) {
          o.writeVarint(0);
          return;
        }
        o.writeVarint(deals.length + 1L);
        for (int d : deals) {
          o.writeVarint(d);
        }
      });
    });
    s.put("accounts", out -> {
      state.accounts().writeTo(out);
      relations.accountMembers().writeTo(out, state.accounts().idCount());
      relations.accountOf().writeTo(out);
    });
    s.put("segments", out -> {
      out.writeVarint(segments.size());
      segments.forEach(out::writeByteArray);
    });
    if (!List.copyOf(s.keySet()).equals(SnapshotFormat.SECTIONS)) {
      throw new IllegalStateException("sections out of step with the format: " + s.keySet());
    }
    return s;
  }

  private static void writeFields(SnapshotOut out, Map<String, FieldType> fields) {
    out.writeVarint(fields.size());
    fields.forEach((name, type) -> {
      out.writeString(name);
      out.writeByte(SnapshotFormat.code(type));
    });
  }
}
