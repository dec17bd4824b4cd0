// pako 1 ships no types of its own, and only its deflate is used.
declare module 'pako' {
  interface DeflateOptions {
    level?: number;
    memLevel?: number;
  }
  function deflate(data: Uint8Array, options?: DeflateOptions): Uint8Array;
  const pako: { deflate: typeof deflate };
  export default pako;
}
