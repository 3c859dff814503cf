// Replaces kafkajs 2.2.4's src/protocol/recordBatch/crc32C/crc32C.js (see
// stack/patch-kafkajs.mjs): the CRC-32C (Castagnoli) checksum of every
// record batch a producer sends. The original looked up one table entry per
// byte; this version reads eight bytes a step through eight tables
// ("slicing-by-8"), with the bytewise loop only for the tail. The sums are
// the original's (test/unit/kafka/crc32c.test.ts).
const POLYNOMIAL = 0x82f63b78 // CRC-32C, bit-reversed

/** TABLES[k][b]: the CRC of byte b followed by k zero bytes. */
const TABLES = (() => {
  const tables = Array.from({ length: 8 }, () => new Int32Array(256))
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1
    tables[0][byte] = crc
  }
  for (let byte = 0; byte < 256; byte++) {
    for (let k = 1; k < 8; k++) {
      const previous = tables[k - 1][byte]
      tables[k][byte] = tables[0][previous & 0xff] ^ (previous >>> 8)
    }
  }
  return tables
})()
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES

const crc32C = buffer => {
  let crc = ~0
  let i = 0
  const whole = buffer.length & ~7
  for (; i < whole; i += 8) {
    const low = crc ^ (buffer[i] | (buffer[i + 1] << 8) | (buffer[i + 2] << 16) | (buffer[i + 3] << 24))
    crc =
      T7[low & 0xff] ^
      T6[(low >>> 8) & 0xff] ^
      T5[(low >>> 16) & 0xff] ^
      T4[low >>> 24] ^
      T3[buffer[i + 4]] ^
      T2[buffer[i + 5]] ^
      T1[buffer[i + 6]] ^
      T0[buffer[i + 7]]
  }
  for (; i < buffer.length; i++) crc = T0[(crc ^ buffer[i]) & 0xff] ^ (crc >>> 8)
  return ~crc >>> 0
}

module.exports = crc32C
