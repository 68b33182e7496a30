import type { UploadFormat } from '../../content/upload/parse-upload';

/** One of a server's texts, as `/text list` shows it (the text itself is stored apart). */
export interface TextEntry {
  readonly id: string;
  readonly title: string;
  readonly author: string;
  readonly sections: number;
  readonly size: number;
  readonly fileName: string;
  readonly format: UploadFormat;
  /** The organiser's user id; empty once they asked to be forgotten (`/privacy delete`). */
  readonly addedBy: string;
  readonly addedAt: number;
}
