import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="lead">
        No run, file or model version has this address. It may belong to another database.
      </p>
      <p>
        <Link href="/runs">See every run</Link> · <Link href="/models">See the model versions</Link>
      </p>
    </>
  );
}
