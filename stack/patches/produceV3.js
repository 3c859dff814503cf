// Replaces kafkajs 2.2.4's src/protocol/requests/produce/v3/request.js (see
// stack/patch-kafkajs.mjs); produce requests v4 to v7 are built by it too.
// The original encoded each partition's records one by one: a copy of every
// message object, a buffer per record, then the record batch, the partition,
// the topic and the request each copied into Encoders that grow by doubling
// from 512 zero-filled bytes. For uncompressed batches this version measures
// the whole request first and writes it once, records included, into one
// buffer of its exact size; the batch CRC is taken over that buffer in place.
// Compressed batches still go through the original (kept as request.js.orig).
//
// One behaviour differs on purpose: the original took a batch's first and
// maximum timestamps from a string sort of its messages' timestamps, which
// puts 999 after 1000; this version takes the numeric minimum and maximum.
// For timestamps of equal length (every millisecond time since 2001) the
// bytes are the original's (test/unit/kafka/produce-encoding.test.ts).
const Long = require('../../../../utils/long')
const { Types } = require('../../../message/compression')
const crc32C = require('../../../recordBatch/crc32C')
const { MAGIC_BYTE } = require('../../../recordBatch/v0')
const {
  sizeOfRecordBody,
  sizeOfFramedRecord,
  writeRecord,
  Writer,
  EncodedRecord,
} = require('../../../recordBatch/record/v0')
const original = require('./request.js.orig')

const TRANSACTIONAL_ATTRIBUTE = 16 // bit 4 of a batch's attributes; no compression, create time
// FirstOffset int64, Length int32, PartitionLeaderEpoch int32, Magic int8, CRC uint32:
const BATCH_PREFIX = 8 + 4 + 4 + 1 + 4
// Attributes int16, LastOffsetDelta int32, FirstTimestamp int64, MaxTimestamp int64,
// ProducerId int64, ProducerEpoch int16, FirstSequence int32, record count int32:
const BATCH_HEADER = 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4

const sizeOfString = value => 2 + (value == null ? 0 : Buffer.byteLength(value, 'utf8'))

const writeString = (writer, value) => {
  if (value == null) {
    writer.offset = writer.buf.writeInt16BE(-1, writer.offset)
    return
  }
  const length = Buffer.byteLength(value, 'utf8')
  writer.offset = writer.buf.writeInt16BE(length, writer.offset)
  writer.offset += writer.buf.write(value, writer.offset, length, 'utf8')
}

/** A batch's first and maximum timestamps; `now` for both when no message has one. */
const batchTimes = (messages, now) => {
  let first = Infinity
  let max = -Infinity
  for (const message of messages) {
    if (message.timestamp == null) continue
    const timestamp = Number(message.timestamp)
    if (timestamp < first) first = timestamp
    if (timestamp > max) max = timestamp
  }
  return first === Infinity ? { first: now, max: now } : { first, max }
}

/**
 * Measures one partition's batch. Record bodies go to `bodies` in message
 * order, the batch's times to `times`; returns the batch's size in bytes.
 */
const measureBatch = (messages, now, bodies, times) => {
  const { first, max } = batchTimes(messages, now)
  times.push(first, max)
  let size = BATCH_PREFIX + BATCH_HEADER
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]
    const body = sizeOfRecordBody(message, i, (message.timestamp || now) - first)
    bodies.push(body)
    size += sizeOfFramedRecord(body)
  }
  return size
}

const writeBatch = (writer, batch, context) => {
  const { messages } = batch
  const { buf } = writer
  const first = context.times[context.nextTime++]
  const max = context.times[context.nextTime++]
  const start = writer.offset
  let at = buf.writeBigInt64BE(0n, start) // first offset: the broker assigns it
  const lengthAt = at
  at = buf.writeInt32BE(0, at) // length, written once known
  at = buf.writeInt32BE(0, at) // partition leader epoch
  at = buf.writeInt8(MAGIC_BYTE, at)
  const crcAt = at
  at += 4
  const checked = at
  at = buf.writeInt16BE(context.transactional ? TRANSACTIONAL_ATTRIBUTE : 0, at)
  at = buf.writeInt32BE(messages.length - 1, at)
  at = buf.writeBigInt64BE(BigInt(first), at)
  at = buf.writeBigInt64BE(BigInt(max), at)
  at = buf.writeBigInt64BE(context.producerId, at)
  at = buf.writeInt16BE(context.producerEpoch, at)
  at = buf.writeInt32BE(batch.firstSequence == null ? 0 : batch.firstSequence, at)
  at = buf.writeInt32BE(messages.length, at)
  writer.offset = at
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]
    writeRecord(writer, message, i, (message.timestamp || context.now) - first, context.bodies[context.nextBody++])
  }
  buf.writeInt32BE(writer.offset - lengthAt - 4, lengthAt)
  buf.writeUInt32BE(crc32C(buf.subarray(checked, writer.offset)), crcAt)
}

/** The produce request body of uncompressed batches, written into one buffer. */
const encodeUncompressed = ({ acks, timeout, transactionalId, producerId, producerEpoch, topicData }) => {
  const now = Date.now()
  const bodies = []
  const times = []
  let size = sizeOfString(transactionalId) + 2 + 4 + 4
  for (const { topic, partitions } of topicData) {
    size += sizeOfString(topic) + 4
    for (const batch of partitions) size += 4 + 4 + measureBatch(batch.messages, now, bodies, times)
  }

  const writer = new Writer(Buffer.allocUnsafe(size))
  const { buf } = writer
  const context = {
    now,
    bodies,
    times,
    nextBody: 0,
    nextTime: 0,
    transactional: !!transactionalId,
    producerId: BigInt.asIntN(64, Long.fromValue(producerId).value),
    producerEpoch,
  }
  writeString(writer, transactionalId)
  writer.offset = buf.writeInt16BE(acks, writer.offset)
  writer.offset = buf.writeInt32BE(timeout, writer.offset)
  writer.offset = buf.writeInt32BE(topicData.length, writer.offset)
  for (const { topic, partitions } of topicData) {
    writeString(writer, topic)
    writer.offset = buf.writeInt32BE(partitions.length, writer.offset)
    for (const batch of partitions) {
      writer.offset = buf.writeInt32BE(batch.partition, writer.offset)
      const sizeAt = writer.offset
      writer.offset += 4
      writeBatch(writer, batch, context)
      buf.writeInt32BE(writer.offset - sizeAt - 4, sizeAt)
    }
  }
  if (writer.offset !== size) throw new Error(`produce request measured ${size} bytes but wrote ${writer.offset}`)
  return new EncodedRecord(buf)
}

module.exports = ({
  acks,
  timeout,
  transactionalId = null,
  producerId = Long.fromInt(-1),
  producerEpoch = 0,
  compression = Types.None,
  topicData,
}) => {
  const request = original({ acks, timeout, transactionalId, producerId, producerEpoch, compression, topicData })
  if (compression !== Types.None) return request
  return {
    ...request,
    encode: async () =>
      encodeUncompressed({ acks, timeout, transactionalId, producerId, producerEpoch, topicData }),
  }
}
