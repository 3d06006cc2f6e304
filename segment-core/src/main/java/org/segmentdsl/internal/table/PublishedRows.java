package org.segmentdsl.internal.table;

/**
 * The contact, deal or account rows of one published state, as the writer's {@link RowStore}
 * held them when the state was published ({@link RowStore#publish}): what the index reads a
 * contact back from. Immutable and readable from any thread while the writer goes on: it shares
 * the store's arena chunks, which are never changed below the positions handed out, and the pages
 * of row positions, which the store copies before it changes them; so publishing copies nothing.
 */
public final class PublishedRows {
  private final byte[][] chunks;
  private final long[][] pages;
  private final int rowCount;
  /** The codec's tag and list names when the state was published ({@link RowCodec#namesNow}). */
  private final String[] names;
  private final RowCodec codec;

  PublishedRows(byte[][] chunks, long[][] pages, int rowCount, RowCodec codec) {
    this.chunks = chunks;
    this.pages = pages;
    this.rowCount = rowCount;
    this.names = codec.namesNow();
    this.codec = codec;
  }

  /** A row's position in the arena, or 0 if the state has no such row. */
  private long position(int row) {
    return row >= 0 && row < rowCount ? RowStore.position(pages, row) : 0;
  }

  /**
   * The contact of a row, or null if the state has none there.
   *
   * @param row the row
   * @param id the row's id (the row does not hold it)
   */
  public ContactRow contact(int row, String id) {
    long at = position(row);
    if (at == 0) {
      return null;
    }
    byte[] chunk = chunks[RowStore.chunkOf(at)];
    return codec.decodeContact(id, chunk, RowStore.start(chunk, at), names);
  }

  /**
   * The deal or account of a row, or null if the state has none there.
   *
   * @param row the row
   * @param id the row's id (the row does not hold it)
   */
  public EntityRow entity(int row, String id) {
    long at = position(row);
    if (at == 0) {
      return null;
    }
    byte[] chunk = chunks[RowStore.chunkOf(at)];
    return codec.decodeEntity(id, chunk, RowStore.start(chunk, at));
  }
}
