/** Why an assignment failed, every reason on its own line. */
export function ProblemList({ message, problems }: { message?: string; problems: string[] }) {
  return (
    <div className="notice notice-danger" role="alert">
      <p>{message}</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
