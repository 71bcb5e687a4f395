package io.cutover.loadtest.sim;

/**
 * The 43-byte 1×1 transparent GIF that tracking pixels answer with: GIF89a, a two-colour table,
 * a graphic control extension marking colour 0 transparent, one pixel of colour 0.
 */
final class TransparentGif {

    private static final byte[] BYTES = {
        'G',
        'I',
        'F',
        '8',
        '9',
        'a',
        0x01,
        0x00,
        0x01,
        0x00,
        (byte) 0x80,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        (byte) 0xFF,
        (byte) 0xFF,
        (byte) 0xFF,
        0x21,
        (byte) 0xF9,
        0x04,
        0x01,
        0x00,
        0x00,
        0x00,
        0x00,
        0x2C,
        0x00,
        0x00,
        0x00,
        0x00,
        0x01,
        0x00,
        0x01,
        0x00,
        0x00,
        0x02,
        0x02,
        0x44,
        0x01,
        0x00,
        0x3B
    };

    private TransparentGif() {}

    /** A fresh copy, so no caller can change the shared bytes. */
    static byte[] bytes() {
        return BYTES.clone();
    }
}
