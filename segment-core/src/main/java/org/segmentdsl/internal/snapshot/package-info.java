/**
 * The snapshot file format: its layout and version ({@link
 * org.segmentdsl.internal.snapshot.SnapshotFormat}, the reference that {@code
 * docs/snapshot-format.md} describes for users); the checksummed sections that each structure
 * writes itself to ({@link org.segmentdsl.internal.snapshot.SnapshotOut}) and reads itself back
 * from ({@link org.segmentdsl.internal.snapshot.SnapshotIn}, over a {@link
 * org.segmentdsl.internal.snapshot.SnapshotSource}); the damage a reader reports ({@link
 * org.segmentdsl.internal.snapshot.SnapshotDamage}); positional reads of a file ({@link
 * org.segmentdsl.internal.snapshot.PositionalInputStream}); and the binary form of saved
 * segments ({@link org.segmentdsl.internal.snapshot.SegmentCodec}).
 *
 * <p>Columns, events and tables save themselves next to their fields ({@code writeTo}, {@code
 * readFrom}), so this package lies below them all. The file as a whole is written by {@link
 * org.segmentdsl.internal.write.SnapshotWriter} and read by {@link
 * org.segmentdsl.internal.write.SnapshotReader}, which live with the writer because they capture
 * and rebuild its state.
 *
 * <p>Depends on: {@code org.segmentdsl.internal} (varints) and the API's value types (the
 * condition records, for saved segments). Used by {@code column}, {@code event}, {@code table},
 * {@code write} and the API's {@code SnapshotFile}; it depends on none of them.
 */
package org.segmentdsl.internal.snapshot;
