/** A file's lines whatever its line ends (CRLF from Windows tools, CR from old Macs). */
export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);
