interface ErrorBannerProps {
  message: string | null | undefined;
}

/** A failure the admin must read, announced as soon as it appears. */
export function ErrorBanner({ message }: ErrorBannerProps) {
  if (!message) return null;
  return (
    <div className="banner banner-error" role="alert">
      {message}
    </div>
  );
}
