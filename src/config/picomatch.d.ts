// picomatch ships no types of its own, and only this much of it is used.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
  }
  function picomatch(glob: string | string[], options?: PicomatchOptions): (test: string) => boolean;
  export default picomatch;
}
