import { useId, useState, type DragEvent } from 'react';

/**
 * A file field that also takes a file dropped on it. The native input stays the way in for the keyboard and
 * screen readers; dropping is a shortcut for the mouse.
 */
export function FileDrop({
  label,
  hint,
  accept,
  file,
  onFile,
  isDisabled = false,
  error,
}: {
  label: string;
  hint?: string;
  accept?: string;
  file: File | null;
  onFile(file: File | null): void;
  isDisabled?: boolean;
  error?: string | null;
}) {
  const id = useId();
  const [isOver, setIsOver] = useState(false);
  const onDragOver = (event: DragEvent) => {
    if (isDisabled) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setIsOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsOver(false);
    if (isDisabled) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  const describedBy = [hint ? `${id}-hint` : null, `${id}-chosen`, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={`file-drop${isOver ? ' file-drop-over' : ''}${error ? ' field-invalid' : ''}`}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setIsOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={isDisabled}
        aria-describedby={describedBy}
        onChange={(event) => onFile(event.target.files?.[0] ?? null)}
      />
      <p className="file-drop-chosen" id={`${id}-chosen`}>
        {file
          ? `Fichier choisi : ${file.name} (${formatBytes(file.size)})`
          : 'Ou déposez le fichier dans ce cadre.'}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024)
    return `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
