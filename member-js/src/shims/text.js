// UTF-8 TextEncoder and TextDecoder for engines that lack them (WeChat's mini program engine
// does not promise either; cborg creates both when it loads). esbuild injects these into the
// mini program bundle in place of the globals; where the engine has its own, that one is used.
const host = typeof globalThis === 'object' ? globalThis : {}

class Utf8Encoder {
  get encoding () { return 'utf-8' }

  encode (text = '') {
    const out = []
    for (const ch of String(text)) {
      let c = ch.codePointAt(0)
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd // a lone surrogate, as TextEncoder does
      if (c < 0x80) out.push(c)
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    }
    return Uint8Array.from(out)
  }
}

class Utf8Decoder {
  constructor (label = 'utf-8', { fatal = false } = {}) {
    this.fatal = fatal
  }

  get encoding () { return 'utf-8' }

  // The WHATWG UTF-8 decoder: an invalid sequence's longest valid prefix becomes one U+FFFD.
  decode (input = new Uint8Array(0)) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer || input)
    let text = ''
    let i = 0
    while (i < bytes.length) {
      const b = bytes[i]
      let needed = 0
      let c = b
      let lower = 0x80
      let upper = 0xbf
      if (b >= 0xc2 && b <= 0xdf) { needed = 1; c = b & 31 } else if (b >= 0xe0 && b <= 0xef) {
        needed = 2; c = b & 15
        if (b === 0xe0) lower = 0xa0
        if (b === 0xed) upper = 0x9f
      } else if (b >= 0xf0 && b <= 0xf4) {
        needed = 3; c = b & 7
        if (b === 0xf0) lower = 0x90
        if (b === 0xf4) upper = 0x8f
      } else if (b >= 0x80) {
        text += this.invalid()
        i += 1
        continue
      }
      let k = 1
      while (k <= needed && i + k < bytes.length && bytes[i + k] >= lower && bytes[i + k] <= upper) {
        c = (c << 6) | (bytes[i + k] & 63)
        lower = 0x80
        upper = 0xbf
        k++
      }
      if (k <= needed) {
        text += this.invalid()
        i += k
        continue
      }
      text += String.fromCodePoint(c)
      i += k
    }
    return text
  }

  invalid () {
    if (this.fatal) throw new TypeError('The encoded data was not valid UTF-8')
    return '\ufffd'
  }
}

export const TextEncoder = host.TextEncoder || Utf8Encoder
export const TextDecoder = host.TextDecoder || Utf8Decoder
export { Utf8Encoder, Utf8Decoder }
