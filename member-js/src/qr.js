// The QR matrix of a code text. Needs no BigInt, so it is loaded with the entry point.
import qrcode from 'qrcode-generator'

/** The QR code of `text` (alphanumeric mode, level M) as rows of booleans, true = dark. */
export function qrMatrix (text) {
  const qr = qrcode(0, 'M')
  // The LP1 text uses only the QR alphanumeric alphabet: the densest mode that holds it.
  qr.addData(text, 'Alphanumeric')
  qr.make()
  const size = qr.getModuleCount()
  const rows = []
  for (let r = 0; r < size; r++) {
    const row = new Array(size)
    for (let c = 0; c < size; c++) row[c] = qr.isDark(r, c)
    rows.push(row)
  }
  return rows
}
