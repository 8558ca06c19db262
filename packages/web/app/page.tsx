export default function HomePage() {
  return <h1>Churn model evaluation</h1>;
}
