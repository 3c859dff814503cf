// Replaces kafkajs 2.2.4's src/protocol/recordBatch/record/v0/index.js (see
// stack/patch-kafkajs.mjs). The original built every record in a fresh
// zero-filled 512-byte Encoder, encoded its varlong timestamp delta through
// BigInt-backed Long arithmetic and allocated a Buffer per varint: a produce
// request of thousands of small records spent most of its CPU there. This
// version measures the record first and writes it once into a buffer of
// exactly that size. The bytes are the same (test/unit/kafka/record-encoding.test.ts
// compares them with the original's).
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

/** Bytes of a key, value or header value: a Buffer as it is, anything else as its UTF-8 string. */
const bytesOf = value => {
  if (value == null) return null
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8')
}

const sizeOfBytes = bytes =>
  bytes === null ? 1 : sizeOfUnsigned(zigzag32(bytes.length)) + bytes.length

class Writer {
  constructor(buf) {
    this.buf = buf
    this.offset = 0
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

  bytes(bytes) {
    if (bytes === null) {
      this.unsigned(zigzag32(-1))
      return
    }
    this.unsigned(zigzag32(bytes.length))
    bytes.copy(this.buf, this.offset)
    this.offset += bytes.length
  }
}

const headerList = headers => {
  const list = []
  for (const key of Object.keys(headers)) {
    const value = headers[key]
    if (Array.isArray(value)) for (const each of value) list.push([key, each])
    else list.push([key, value])
  }
  return list
}

module.exports = ({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }) => {
  const keyBytes = bytesOf(key)
  const valueBytes = bytesOf(value)
  const headerBytes = headerList(headers).map(([k, v]) => [Buffer.from(k, 'utf8'), bytesOf(v)])
  const timestamp = zigzagTimestampDelta(timestampDelta)
  const offset = zigzag32(offsetDelta)

  let body =
    1 + // attributes: none used
    (typeof timestamp === 'bigint' ? sizeOfUnsignedBig(timestamp) : sizeOfUnsigned(timestamp)) +
    sizeOfUnsigned(offset) +
    sizeOfBytes(keyBytes) +
    sizeOfBytes(valueBytes) +
    sizeOfUnsigned(zigzag32(headerBytes.length))
  for (const [k, v] of headerBytes) body += sizeOfBytes(k) + sizeOfBytes(v)

  const lengthPrefix = zigzag32(body)
  const out = new Writer(Buffer.allocUnsafe(sizeOfUnsigned(lengthPrefix) + body))
  out.unsigned(lengthPrefix)
  out.buf[out.offset++] = 0
  if (typeof timestamp === 'bigint') out.unsignedBig(timestamp)
  else out.unsigned(timestamp)
  out.unsigned(offset)
  out.bytes(keyBytes)
  out.bytes(valueBytes)
  out.unsigned(zigzag32(headerBytes.length))
  for (const [k, v] of headerBytes) {
    out.bytes(k)
    out.bytes(v)
  }
  return new EncodedRecord(out.buf)
}
