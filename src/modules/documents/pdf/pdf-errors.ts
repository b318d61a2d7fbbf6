/**
 * Errors of the PDF renderer. They are classes (not codes) so the caller can map them with
 * `instanceof`: BrowserUnavailableError and RendererBusyError are "try again" (503), a
 * RenderTimeoutError is a document Chromium could not print in time.
 */
export class PdfRenderError extends Error {
  override readonly name: string = 'PdfRenderError';
}

/** Chromium could not be launched, or died / disconnected while this render was in flight. */
export class BrowserUnavailableError extends PdfRenderError {
  override readonly name: string = 'BrowserUnavailableError';
}

/** The render did not finish within renderTimeoutMs; its page was thrown away. */
export class RenderTimeoutError extends PdfRenderError {
  override readonly name: string = 'RenderTimeoutError';
}

/** Every page is busy and the wait queue is full: shed load rather than queue without bound. */
export class RendererBusyError extends PdfRenderError {
  override readonly name: string = 'RendererBusyError';
}

/** render() after close(), or a render that was queued or running when close() was called. */
export class RendererClosedError extends PdfRenderError {
  override readonly name: string = 'RendererClosedError';
}
