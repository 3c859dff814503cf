// Replaces kafkajs 2.2.4's src/protocol/recordBatch/record/v0/index.js (see
// stack/patch-kafkajs.mjs). The original built every record in a fresh
// zero-filled 512-byte Encoder, encoded its varlong timestamp delta through
// BigInt-backed Long arithmetic and allocated a Buffer per varint: a produce
// request of thousands of small records spent most of its CPU there. This
// version measures the record first and writes it once into a buffer of
// exactly that size. The bytes are the same (test/unit/kafka/record-encoding.test.ts
// compares them with the original's).
//
// Besides the module's own function, the measuring and writing steps are
// exported for the produce request's patch (stack/patches/produceV3.js),
// which writes a whole batch's records into one buffer.
//
// Record (v2 record batch) =>
//   Length => VarInt, Attributes => Int8, TimestampDelta => VarLong,
//   OffsetDelta => VarInt, Key => VarInt-prefixed bytes (-1: null),
//   Value => VarInt-prefixed bytes (-1: null), Headers => [Key Value]
const Long = require('../../../../utils/long')

/** What RecordBatch and writeEncoderArray read of an Encoder: `buf`, `buffer` and `size()`. */
class EncodedRecord {
  constructor(buf) {
    this.buf = buf
  }

  get buffer() {
    return this.buf
  }

  size() {
    return this.buf.length
  }
}

// Zigzag maps signed to unsigned (0, -1, 1, -2 -> 0, 1, 2, 3); safe integers stay exact as doubles.
const zigzag32 = value => ((value << 1) ^ (value >> 31)) >>> 0
const zigzagSafe = value => (value >= 0 ? value * 2 : -value * 2 - 1)
const zigzagBig = value => BigInt.asUintN(64, (value << 1n) ^ (value >> 63n))

const sizeOfUnsigned = value => {
  let bytes = 1
  while (value >= 128) {
    value = Math.floor(value / 128)
    bytes++
  }
  return bytes
}

const sizeOfUnsignedBig = value => {
  let bytes = 1
  while (value >= 128n) {
    value >>= 7n
    bytes++
  }
  return bytes
}

/** The zigzag form of a timestamp delta, as a number when exact or else as a BigInt. */
const zigzagTimestampDelta = delta => {
  if (typeof delta === 'number' && Number.isSafeInteger(delta) && Math.abs(delta) < 2 ** 52) {
    return zigzagSafe(delta)
  }
  return zigzagBig(BigInt.asIntN(64, Long.fromValue(delta).value))
}

const sizeOfVarlong = zigzagged =>
  typeof zigzagged === 'bigint' ? sizeOfUnsignedBig(zigzagged) : sizeOfUnsigned(zigzagged)

/**
 * A key, value or header value as written: null, a Buffer as it is, or
 * anything else as its UTF-8 string (written straight into the output).
 */
const fieldOf = value => {
  if (value == null) return null
  return Buffer.isBuffer(value) ? value : String(value)
}

const byteLengthOf = field => (typeof field === 'string' ? Buffer.byteLength(field, 'utf8') : field.length)

const sizeOfField = field => {
  if (field === null) return 1
  const length = byteLengthOf(field)
  return sizeOfUnsigned(zigzag32(length)) + length
}

class Writer {
  constructor(buf, offset = 0) {
    this.buf = buf
    this.offset = offset
  }

  unsigned(value) {
    while (value >= 128) {
      this.buf[this.offset++] = (value % 128) | 128
      value = Math.floor(value / 128)
    }
    this.buf[this.offset++] = value
  }

  unsignedBig(value) {
    while (value >= 128n) {
      this.buf[this.offset++] = Number(value & 127n) | 128
      value >>= 7n
    }
    this.buf[this.offset++] = Number(value)
  }

  varlong(zigzagged) {
    if (typeof zigzagged === 'bigint') this.unsignedBig(zigzagged)
    else this.unsigned(zigzagged)
  }

  field(field) {
    if (field === null) {
      this.unsigned(zigzag32(-1))
    } else if (typeof field === 'string') {
      const length = Buffer.byteLength(field, 'utf8')
      this.unsigned(zigzag32(length))
      this.offset += this.buf.write(field, this.offset, length, 'utf8')
    } else {
      this.unsigned(zigzag32(field.length))
      field.copy(this.buf, this.offset)
      this.offset += field.length
    }
  }
}

/** Calls `each(key, value)` for every header, once per value of a multi-valued one. */
const forEachHeader = (headers, each) => {
  if (headers == null) return
  for (const key in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, key)) continue
    const value = headers[key]
    if (Array.isArray(value)) for (const one of value) each(key, one)
    else each(key, value)
  }
}

/** A record's body (everything after its length prefix), in bytes. */
const sizeOfBody = (message, offsetDelta, zigzaggedTimestamp) => {
  let body =
    1 + // attributes: none used
    sizeOfVarlong(zigzaggedTimestamp) +
    sizeOfUnsigned(zigzag32(offsetDelta)) +
    sizeOfField(fieldOf(message.key)) +
    sizeOfField(fieldOf(message.value))
  let count = 0
  forEachHeader(message.headers, (key, value) => {
    count++
    body += sizeOfField(key) + sizeOfField(fieldOf(value))
  })
  return body + sizeOfUnsigned(zigzag32(count))
}

/** The size of a record's body: everything after its length prefix. */
const sizeOfRecordBody = (message, offsetDelta, timestampDelta) =>
  sizeOfBody(message, offsetDelta, zigzagTimestampDelta(timestampDelta))

/** A record's size on the wire, its length prefix included, from its body's. */
const sizeOfFramedRecord = body => sizeOfUnsigned(zigzag32(body)) + body

/**
 * Writes the record at `writer.offset` and advances it by the record's
 * framed size; `body` is `sizeOfRecordBody` of the same arguments.
 */
const writeRecord = (writer, message, offsetDelta, timestampDelta, body) => {
  const timestamp = zigzagTimestampDelta(timestampDelta)
  writer.unsigned(zigzag32(body))
  writer.buf[writer.offset++] = 0
  writer.varlong(timestamp)
  writer.unsigned(zigzag32(offsetDelta))
  writer.field(fieldOf(message.key))
  writer.field(fieldOf(message.value))
  let count = 0
  forEachHeader(message.headers, () => count++)
  writer.unsigned(zigzag32(count))
  forEachHeader(message.headers, (key, value) => {
    writer.field(key)
    writer.field(fieldOf(value))
  })
}

const Record = ({ offsetDelta = 0, timestampDelta = 0, key, value, headers }) => {
  const message = { key, value, headers }
  const body = sizeOfRecordBody(message, offsetDelta, timestampDelta)
  const writer = new Writer(Buffer.allocUnsafe(sizeOfFramedRecord(body)))
  writeRecord(writer, message, offsetDelta, timestampDelta, body)
  return new EncodedRecord(writer.buf)
}

module.exports = Record
module.exports.sizeOfRecordBody = sizeOfRecordBody
module.exports.sizeOfFramedRecord = sizeOfFramedRecord
module.exports.writeRecord = writeRecord
module.exports.Writer = Writer
module.exports.EncodedRecord = EncodedRecord
